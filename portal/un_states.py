"""United Nations Member and observer States with their UN regional groups.

Sources: the five UN regional groups as used for elections in the General
Assembly and its bodies (UN Department for General Assembly and Conference
Management, "United Nations Regional Groups of Member States"), keyed by
ISO 3166-1 alpha-2 code. Names in comments are English short names, for the reader; the
names the portal shows come from the UN's data (portal/un_names.py).

The real exceptions, kept as they are:

* Kiribati (KI) belongs to no regional group, so its group is None.
* Türkiye (TR) takes part in both the Asia-Pacific Group and WEOG, but is
  counted in WEOG for electoral purposes.
* The United States (US) is not a member of any group; it attends WEOG as an
  observer and is counted there for electoral purposes.
* Israel (IL) is a full member of WEOG (not the Asia-Pacific Group).
* Cyprus (CY) is in the Asia-Pacific Group.

Observer States: the Holy See (VA) belongs to no group; the State of
Palestine (PS) is a member of the Asia-Pacific Group.

Member State counts: african 54, asia_pacific 53, eastern_european 23,
grulac 33, weog 29 (28 members + the United States), None 1 (Kiribati);
193 in total.
"""

MEMBER_STATES = {
    "AO": "african",  # Angola
    "BF": "african",  # Burkina Faso
    "BI": "african",  # Burundi
    "BJ": "african",  # Benin
    "BW": "african",  # Botswana
    "CD": "african",  # Democratic Republic of the Congo
    "CF": "african",  # Central African Republic
    "CG": "african",  # Congo
    "CI": "african",  # Côte d'Ivoire
    "CM": "african",  # Cameroon
    "CV": "african",  # Cabo Verde
    "DJ": "african",  # Djibouti
    "DZ": "african",  # Algeria
    "EG": "african",  # Egypt
    "ER": "african",  # Eritrea
    "ET": "african",  # Ethiopia
    "GA": "african",  # Gabon
    "GH": "african",  # Ghana
    "GM": "african",  # Gambia
    "GN": "african",  # Guinea
    "GQ": "african",  # Equatorial Guinea
    "GW": "african",  # Guinea-Bissau
    "KE": "african",  # Kenya
    "KM": "african",  # Comoros
    "LR": "african",  # Liberia
    "LS": "african",  # Lesotho
    "LY": "african",  # Libya
    "MA": "african",  # Morocco
    "MG": "african",  # Madagascar
    "ML": "african",  # Mali
    "MR": "african",  # Mauritania
    "MU": "african",  # Mauritius
    "MW": "african",  # Malawi
    "MZ": "african",  # Mozambique
    "NA": "african",  # Namibia
    "NE": "african",  # Niger
    "NG": "african",  # Nigeria
    "RW": "african",  # Rwanda
    "SC": "african",  # Seychelles
    "SD": "african",  # Sudan
    "SL": "african",  # Sierra Leone
    "SN": "african",  # Senegal
    "SO": "african",  # Somalia
    "SS": "african",  # South Sudan
    "ST": "african",  # Sao Tome and Principe
    "SZ": "african",  # Eswatini
    "TD": "african",  # Chad
    "TG": "african",  # Togo
    "TN": "african",  # Tunisia
    "TZ": "african",  # United Republic of Tanzania
    "UG": "african",  # Uganda
    "ZA": "african",  # South Africa
    "ZM": "african",  # Zambia
    "ZW": "african",  # Zimbabwe
    "AE": "asia_pacific",  # United Arab Emirates
    "AF": "asia_pacific",  # Afghanistan
    "BD": "asia_pacific",  # Bangladesh
    "BH": "asia_pacific",  # Bahrain
    "BN": "asia_pacific",  # Brunei Darussalam
    "BT": "asia_pacific",  # Bhutan
    "CN": "asia_pacific",  # China
    "CY": "asia_pacific",  # Cyprus
    "FJ": "asia_pacific",  # Fiji
    "FM": "asia_pacific",  # Micronesia (Federated States of)
    "ID": "asia_pacific",  # Indonesia
    "IN": "asia_pacific",  # India
    "IQ": "asia_pacific",  # Iraq
    "IR": "asia_pacific",  # Iran (Islamic Republic of)
    "JO": "asia_pacific",  # Jordan
    "JP": "asia_pacific",  # Japan
    "KG": "asia_pacific",  # Kyrgyzstan
    "KH": "asia_pacific",  # Cambodia
    "KP": "asia_pacific",  # Democratic People's Republic of Korea
    "KR": "asia_pacific",  # Republic of Korea
    "KW": "asia_pacific",  # Kuwait
    "KZ": "asia_pacific",  # Kazakhstan
    "LA": "asia_pacific",  # Lao People's Democratic Republic
    "LB": "asia_pacific",  # Lebanon
    "LK": "asia_pacific",  # Sri Lanka
    "MH": "asia_pacific",  # Marshall Islands
    "MM": "asia_pacific",  # Myanmar
    "MN": "asia_pacific",  # Mongolia
    "MV": "asia_pacific",  # Maldives
    "MY": "asia_pacific",  # Malaysia
    "NP": "asia_pacific",  # Nepal
    "NR": "asia_pacific",  # Nauru
    "OM": "asia_pacific",  # Oman
    "PG": "asia_pacific",  # Papua New Guinea
    "PH": "asia_pacific",  # Philippines
    "PK": "asia_pacific",  # Pakistan
    "PW": "asia_pacific",  # Palau
    "QA": "asia_pacific",  # Qatar
    "SA": "asia_pacific",  # Saudi Arabia
    "SB": "asia_pacific",  # Solomon Islands
    "SG": "asia_pacific",  # Singapore
    "SY": "asia_pacific",  # Syrian Arab Republic
    "TH": "asia_pacific",  # Thailand
    "TJ": "asia_pacific",  # Tajikistan
    "TL": "asia_pacific",  # Timor-Leste
    "TM": "asia_pacific",  # Turkmenistan
    "TO": "asia_pacific",  # Tonga
    "TV": "asia_pacific",  # Tuvalu
    "UZ": "asia_pacific",  # Uzbekistan
    "VN": "asia_pacific",  # Viet Nam
    "VU": "asia_pacific",  # Vanuatu
    "WS": "asia_pacific",  # Samoa
    "YE": "asia_pacific",  # Yemen
    "AL": "eastern_european",  # Albania
    "AM": "eastern_european",  # Armenia
    "AZ": "eastern_european",  # Azerbaijan
    "BA": "eastern_european",  # Bosnia and Herzegovina
    "BG": "eastern_european",  # Bulgaria
    "BY": "eastern_european",  # Belarus
    "CZ": "eastern_european",  # Czechia
    "EE": "eastern_european",  # Estonia
    "GE": "eastern_european",  # Georgia
    "HR": "eastern_european",  # Croatia
    "HU": "eastern_european",  # Hungary
    "LT": "eastern_european",  # Lithuania
    "LV": "eastern_european",  # Latvia
    "MD": "eastern_european",  # Republic of Moldova
    "ME": "eastern_european",  # Montenegro
    "MK": "eastern_european",  # North Macedonia
    "PL": "eastern_european",  # Poland
    "RO": "eastern_european",  # Romania
    "RS": "eastern_european",  # Serbia
    "RU": "eastern_european",  # Russian Federation
    "SI": "eastern_european",  # Slovenia
    "SK": "eastern_european",  # Slovakia
    "UA": "eastern_european",  # Ukraine
    "AG": "grulac",  # Antigua and Barbuda
    "AR": "grulac",  # Argentina
    "BB": "grulac",  # Barbados
    "BO": "grulac",  # Bolivia (Plurinational State of)
    "BR": "grulac",  # Brazil
    "BS": "grulac",  # Bahamas
    "BZ": "grulac",  # Belize
    "CL": "grulac",  # Chile
    "CO": "grulac",  # Colombia
    "CR": "grulac",  # Costa Rica
    "CU": "grulac",  # Cuba
    "DM": "grulac",  # Dominica
    "DO": "grulac",  # Dominican Republic
    "EC": "grulac",  # Ecuador
    "GD": "grulac",  # Grenada
    "GT": "grulac",  # Guatemala
    "GY": "grulac",  # Guyana
    "HN": "grulac",  # Honduras
    "HT": "grulac",  # Haiti
    "JM": "grulac",  # Jamaica
    "KN": "grulac",  # Saint Kitts and Nevis
    "LC": "grulac",  # Saint Lucia
    "MX": "grulac",  # Mexico
    "NI": "grulac",  # Nicaragua
    "PA": "grulac",  # Panama
    "PE": "grulac",  # Peru
    "PY": "grulac",  # Paraguay
    "SR": "grulac",  # Suriname
    "SV": "grulac",  # El Salvador
    "TT": "grulac",  # Trinidad and Tobago
    "UY": "grulac",  # Uruguay
    "VC": "grulac",  # Saint Vincent and the Grenadines
    "VE": "grulac",  # Venezuela (Bolivarian Republic of)
    "AD": "weog",  # Andorra
    "AT": "weog",  # Austria
    "AU": "weog",  # Australia
    "BE": "weog",  # Belgium
    "CA": "weog",  # Canada
    "CH": "weog",  # Switzerland
    "DE": "weog",  # Germany
    "DK": "weog",  # Denmark
    "ES": "weog",  # Spain
    "FI": "weog",  # Finland
    "FR": "weog",  # France
    "GB": "weog",  # United Kingdom
    "GR": "weog",  # Greece
    "IE": "weog",  # Ireland
    "IL": "weog",  # Israel (full member of WEOG)
    "IS": "weog",  # Iceland
    "IT": "weog",  # Italy
    "LI": "weog",  # Liechtenstein
    "LU": "weog",  # Luxembourg
    "MC": "weog",  # Monaco
    "MT": "weog",  # Malta
    "NL": "weog",  # Netherlands
    "NO": "weog",  # Norway
    "NZ": "weog",  # New Zealand
    "PT": "weog",  # Portugal
    "SE": "weog",  # Sweden
    "SM": "weog",  # San Marino
    "TR": "weog",  # Türkiye (counted in WEOG for electoral purposes)
    "US": "weog",  # United States of America (WEOG observer, counted there)
    "KI": None,  # Kiribati (belongs to no regional group)
}

OBSERVER_STATES = {
    "PS": "asia_pacific",  # State of Palestine
    "VA": None,  # Holy See (not a member of any regional group)
}
