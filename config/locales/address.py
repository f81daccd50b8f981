"""How people are named: "đồng chí" for đảng viên only (config/address.py)."""

VI: dict[str, str] = {
    "addr.to.party": "đồng chí {name}",
    "addr.to.mass": "ông/bà {name}",
    "addr.of.party": "đồng chí {name}",
    "addr.of.mass": "{name}",
}

EN: dict[str, str] = {
    "addr.to.party": "{name}",
    "addr.to.mass": "{name}",
    "addr.of.party": "{name}",
    "addr.of.mass": "{name}",
}
