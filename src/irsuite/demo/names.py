"""Made-up names for synthetic people (no real person is meant)."""

GIVEN = [
    "Aisha", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonah", "Keiko",
    "Liam", "Maya", "Noor", "Oskar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera",
    "Wen", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Chloe", "Dmitri", "Esme", "Felix",
    "Gita", "Hamza", "Isla", "Jude", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Petra", "Ravi",
    "Sofia", "Theo", "Uma", "Viktor", "Willa", "Yara", "Zain",
]
FAMILY = [
    "Abbott", "Baptiste", "Castell", "Dunmore", "Eskildsen", "Fairweather", "Gallo", "Haddad",
    "Ivers", "Jansen", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Pereira",
    "Quist", "Rahman", "Szabo", "Thornbury", "Ueda", "Valdez", "Whitlock", "Xu", "Yilmaz",
    "Zeller", "Ashdown", "Brennan", "Corrigan", "Delacroix", "Ekwueme", "Fitzgerald", "Grummet",
    "Holloway", "Ibsen", "Jovanovic", "Kerrigan", "Lachance", "Mbeki", "Nyberg", "Oduya",
    "Pemberton", "Rasmussen", "Salonen", "Tremblay", "Underhill", "Vasquez", "Wexford",
]
