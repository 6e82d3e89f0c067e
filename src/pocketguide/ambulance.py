"""Which number reaches an ambulance in each region: the number the guide's text calls for.

phonenumbers knows which short numbers are emergency numbers, not which service answers
them: it lists Senegal's 17, the police, as readily as 18, the fire and rescue service that
takes medical calls. pocketguide fills in `{emergency}` for a project that gives no emergency
entry, and `init` writes one, only with a number two sources agree on:

- MEDICAL_EMERGENCY: checked one by one against official or several independent sources
  (the national ambulance or rescue service, news reports of it) in December 2026;
- AMBULANCE: the ambulance column of Wikipedia's "List of emergency telephone numbers" (as
  kept in a public dataset, read in December 2026), printed without an entry only where
  phonenumbers also lists the number as an emergency number of that region.

In the European Union 112 reaches every emergency service by law (the European Electronic
Communications Code, article 109), so it is the number there, where the list may name an older
one. A region in none of these, or whose numbers phonenumbers does not confirm, gets no
number: the project must give its own emergency entry, and a number of the list is accepted
there even where phonenumbers does not know it (Serbia's 194, Peru's 106). Where the list
names several, the first here that phonenumbers lists is the one printed.

In December 2026 the list's numbers for the 61 most populous regions outside the table and the
EU were checked against health ministries, ambulance services and news of them; where those
named another number, it replaced the list's (Sri Lanka's 1990 for 110, the fire unit's), and
where none was found for a service (Tanzania, Yemen) the region was left out.
"""

from __future__ import annotations

import phonenumbers

# Checked entry by entry (see the module's docstring).
MEDICAL_EMERGENCY: dict[str, str] = {
    "NL": "112", "PL": "112", "BR": "192", "JP": "119", "KR": "119", "TW": "119", "CN": "120",
    "VN": "115", "IR": "115", "IL": "101", "PS": "101", "SA": "997", "AE": "998", "CO": "123",
    "AM": "103", "MN": "103", "ZA": "10177", "TH": "1669", "SG": "995",
}  # fmt: skip

EUROPEAN_UNION = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
})  # fmt: skip

# The ambulance column of the list, by region.
AMBULANCE: dict[str, tuple[str, ...]] = {
    # Africa
    "DZ": ("14",), "AO": ("116",), "AC": ("999",), "BJ": ("112",), "BI": ("112",),
    "BW": ("997",), "BF": ("112",), "CM": ("119",), "CV": ("130",), "CF": ("1220",),
    "DJ": ("19",), "EG": ("123",), "GQ": ("115",), "ER": ("114",), "SZ": ("977",),
    "ET": ("907",), "GA": ("1300",), "GM": ("116",), "GH": ("112",), "GN": ("18",),
    "GW": ("119",), "CI": ("185",), "LR": ("911",), "KE": ("999", "112", "911"),
    "LY": ("193",), "LS": ("121",), "MG": ("124",), "MW": ("998",), "ML": ("112",),
    "MR": ("101",), "MU": ("114",), "YT": ("15",), "MA": ("141", "15"), "MZ": ("117",),
    "NE": ("15",), "NG": ("112",), "RE": ("15",), "RW": ("912",), "SH": ("999",),
    "ST": ("112",), "SN": ("18",), "SC": ("151",), "SL": ("999",), "SO": ("999",),
    "ZA": ("10177",), "SD": ("999",), "SS": ("999",), "TG": ("8200",),
    "TA": ("911",), "TN": ("190",), "UG": ("999",), "EH": ("150",), "ZM": ("992",),
    "ZW": ("994",),
    # The Americas
    "AI": ("911",), "AG": ("911", "999"), "AW": ("911",), "BS": ("911", "919"),
    "BB": ("511",), "BM": ("911",), "VG": ("911", "999"), "BQ": ("911",), "KY": ("911",),
    "CU": ("104",), "CW": ("912",), "DM": ("999",), "DO": ("911",), "GD": ("911",),
    "GP": ("15",), "HT": ("116",), "JM": ("110",), "MQ": ("15",), "MS": ("911", "999"),
    "PR": ("911",), "KN": ("911",), "LC": ("911", "999"), "MF": ("15",),
    "VC": ("999", "911", "112"), "SX": ("912",), "TT": ("811",), "TC": ("911",),
    "VI": ("911",), "BZ": ("911",), "CR": ("911",), "SV": ("132",), "GT": ("122",),
    "HN": ("195",), "NI": ("128",), "PA": ("911",), "CA": ("911",), "MX": ("911",),
    "PM": ("15",), "US": ("911",), "AR": ("107",), "BO": ("168",), "BR": ("192",),
    "CL": ("131",), "EC": ("911",), "FK": ("999", "112"), "GF": ("15",), "GY": ("913",),
    "PY": ("141",), "PE": ("911", "106"), "GS": ("999",), "SR": ("113",), "UY": ("105",),
    "VE": ("911", "171"),
    # Asia
    "BH": ("999",), "BD": ("999",), "BT": ("112",), "IO": ("999", "112"), "BN": ("991",),
    "KH": ("119",), "CN": ("120",), "CX": ("000",), "CC": ("000",), "TL": ("112",),
    "HK": ("999",), "IN": ("108",), "ID": ("119", "118"), "IR": ("115",), "IQ": ("122",),
    "IL": ("101",), "JP": ("119",), "JO": ("911",), "KZ": ("103",), "KR": ("119",),
    "KW": ("112",), "LA": ("195",), "LB": ("140",), "MO": ("999",), "MY": ("999",),
    "MN": ("103",), "MM": ("192",), "NP": ("102",), "OM": ("9999",), "PK": ("1122",),
    "PS": ("101",), "PH": ("911",), "QA": ("999",), "SA": ("997",), "LK": ("1990",),
    "SY": ("110",), "TW": ("119",), "TJ": ("103",), "TH": ("1669",), "TM": ("003",),
    "AE": ("998",), "UZ": ("103",), "VN": ("115",), "MV": ("100",),
    "AF": ("112",), "KG": ("112",),
    # Europe
    "AX": ("112",), "AL": ("127", "112"), "AD": ("116",), "AM": ("103",), "AT": ("144",),
    "AZ": ("103", "112"), "BY": ("103",), "BE": ("112",), "BA": ("124",),
    "BG": ("112", "150"), "HR": ("112", "194"), "CY": ("112", "199"), "CZ": ("112", "155"),
    "DK": ("112",), "EE": ("112",), "FO": ("112",), "FI": ("112",), "FR": ("112", "15"),
    "GE": ("112",), "DE": ("112",), "GI": ("999", "112"), "GR": ("166",),
    "GL": ("112",), "GG": ("999", "112"), "HU": ("112", "104"), "IS": ("112",),
    "IE": ("999", "112"), "IM": ("999", "112"), "IT": ("118",), "JE": ("999", "112"),
    "LV": ("113",), "LT": ("033",), "LI": ("144",), "LU": ("112",), "MT": ("112",),
    "MD": ("112",), "MC": ("112", "18"), "ME": ("124", "112"), "NL": ("112",),
    "MK": ("194",), "NO": ("113",), "PL": ("999", "112"), "PT": ("112",), "RO": ("112",),
    "RU": ("103", "112"), "SM": ("118",), "RS": ("194",), "SK": ("155",), "SI": ("112",),
    "ES": ("112", "061"), "SE": ("112",), "CH": ("144",), "TR": ("112",), "UA": ("103",),
    "GB": ("999", "112"), "VA": ("118",),
    # Oceania
    "AS": ("911",), "AU": ("000",), "CK": ("999",), "FJ": ("911",), "PF": ("15",),
    "GU": ("911",), "KI": ("194", "195"), "MH": ("911",), "FM": ("911",), "NR": ("111",),
    "NC": ("15",), "NZ": ("111",), "MP": ("911",), "PW": ("911",), "PG": ("111",),
    "WS": ("996",), "SB": ("111",), "TO": ("933",), "TV": ("999",), "VU": ("112",),
    "WF": ("15",),
}  # fmt: skip


def emergency_number(region: str) -> str | None:
    """The number that reaches an ambulance in the region, if two sources agree on it."""
    if region in MEDICAL_EMERGENCY:
        listed: tuple[str, ...] = (MEDICAL_EMERGENCY[region],)
    elif region in EUROPEAN_UNION:
        listed = ("112",)
    else:
        listed = AMBULANCE.get(region, ())
    return next((n for n in listed if phonenumbers.is_emergency_number(n, region)), None)


# Emergency numbers that reach the police alone, where another number reaches an ambulance:
# only these are doubted in an emergency entry (France's 18 and Belgium's 100 take medical
# calls too, and many regions' lists are incomplete).
POLICE_ONLY: dict[str, str] = {
    "JP": "110", "KR": "112", "TW": "110", "CN": "110", "PE": "105", "DE": "110", "AT": "133",
    "CH": "117", "FR": "17", "IT": "113", "BE": "101", "IN": "100", "BR": "190", "AR": "101",
    "CL": "133", "RU": "102", "EG": "122",
}  # fmt: skip


def ambulance_instead(digits: str, region: str) -> str | None:
    """The region's ambulance numbers ("119"), when `digits` is its police's alone.

    For an emergency entry: Japan's 110 and Peru's 105 reach the police, not the ambulance the
    guide's text sends people to when someone may have overdosed.
    """
    if POLICE_ONLY.get(region) != digits:
        return None
    listed = [MEDICAL_EMERGENCY.get(region), *AMBULANCE.get(region, ())]
    if region in EUROPEAN_UNION:
        listed.insert(0, "112")
    return " or ".join(dict.fromkeys(n for n in listed if n and n != digits)) or None
