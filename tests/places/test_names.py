import pytest

from geomap.places.names import fold, name_key, skeleton_key, split_qualifier


@pytest.mark.parametrize(
    "variants",
    [
        ["Aïn al-Asad", "Aïn al-Assad", "Ain el-Assad", "AIN AL ASAD", "Ain\u00a0al-Asad"],
        ["al-Diwaniyah", "Al Diwaniya", "Ad-Dīwānīyah", "d’al-Diwaniyah", "d'al-Diwaniyah"],
        ["Salah al-Din", "Salah ad-Din", "Şalāḩ ad Dīn", "Salah Al Din"],
        ["Mossoul", "Mosul"],
        ["Ba'qubah", "Ba’qubah", "Baqubah"],
    ],
)
def test_variants_share_one_key(variants: list[str]) -> None:
    keys = {name_key(v) for v in variants}
    assert len(keys) == 1, keys


def test_transliteration_vowels_meet_in_the_skeleton() -> None:
    assert name_key("al-Yusifiyah") != name_key("Yusufiyah")
    assert skeleton_key("al-Yusifiyah") == skeleton_key("Yusufiyah") == skeleton_key("Youssoufiyah")


def test_fold_drops_diacritics_and_punctuation() -> None:
    assert fold("Aïn al-Asad, Irak!") == "ain al asad irak"
    assert fold("l’aéroport de Bagdad") == "aeroport de bagdad"  # elided article dropped


@pytest.mark.parametrize(
    ("text", "core", "hint"),
    [
        ("la base aérienne d'Aïn al-Asad", "Aïn al-Asad", "base"),
        ("base Aïn al-Asad", "Aïn al-Asad", "base"),
        ("l’aéroport de Bagdad", "Bagdad", "airport"),
        ("aéroport international de Bagdad", "Bagdad", "airport"),
        ("province de Bagdad", "Bagdad", "admin1"),
        ("provinces d’al-Diwaniyah", "al-Diwaniyah", "admin1"),
        ("Anbar province", "Anbar", "admin1"),
        ("Ain al-Asad air base", "Ain al-Asad", "base"),
        ("Erbil International Airport", "Erbil", "airport"),
        ("ville de Mossoul", "Mossoul", "locality"),
        ("Bagdad", "Bagdad", None),
        ("Base", "Base", None),
    ],
)
def test_split_qualifier(text: str, core: str, hint: str | None) -> None:
    assert split_qualifier(text) == (core, hint)
