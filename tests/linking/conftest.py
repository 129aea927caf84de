"""Hand-made fictional records for the linking tests (no model involved).

Every outlet, person and place here is invented for these tests.
"""

from __future__ import annotations

from sourcetrace.records import DocMeta, Extraction, sha256_text


def record(id: str, text: str, *, url: str | None = None, outlet: str | None = None,
           published: str | None = None, lang: str | None = "en") -> Extraction:
    """A record with no attributions: linking reads the text itself."""
    return Extraction(
        doc=DocMeta(id=id, sha256=sha256_text(text), url=url, outlet=outlet,
                    published=published, lang=lang),
        text=text,
    )


REPORT = (
    "Ferry strike strands islanders\n\n"
    "By Oda Prentiss | The Quayside Herald | 3 March 2024\n\n"
    "PELLHAVEN — About 2,350 islanders were stranded on Tarn Island on Sunday after "
    "ferry crews of the Marrow Line walked out, union organiser Jessamy Vort told the "
    "Quayside Herald. \"We will not sail until the 14 percent pay cut is withdrawn,\" "
    "Vort said. Harbour master Edric Lune said that 18 sailings had been cancelled and "
    "that the Marrow Line had offered no timetable. The company said in a statement "
    "that talks with the union would resume on Thursday in Pellhaven.\n"
)
COPY = (
    "Island news roundup for the week\n\n"
    "(Coastline Wire) — This article was originally published by The Quayside Herald.\n\n"
    + REPORT.split("\n\n", 2)[2]
)
REWRITE = (
    "Islanders stuck as ferry crews strike\n\n"
    "According to The Quayside Herald, some 2,350 people on Tarn Island could not leave on "
    "Sunday when Marrow Line crews stopped work. The paper reports that organiser Jessamy "
    "Vort told the Herald the crews would not sail until a 14 percent pay cut is withdrawn. "
    "Harbour master Edric Lune told the newspaper that 18 sailings were cancelled.\n"
)
TRANSLATION = (
    "Забастовка паромщиков: 2350 жителей острова Тарн не могут уехать\n\n"
    "Перевод материала The Quayside Herald\n\n"
    "ПЕЛЛХЕЙВЕН — Около 2350 жителей острова Тарн застряли в воскресенье после того, как "
    "экипажи паромов компании Марроу Лайн объявили забастовку, рассказала профсоюзный "
    "организатор Джессами Ворт. По словам начальника порта Эдрика Луна, отменены 18 рейсов.\n"
)
UNRELATED = (
    "Orchard growers expect a late harvest\n\n"
    "Fruit growers in the Velden valley expect the apple harvest to start three weeks late "
    "this year, the Velden Growers Cooperative said on Monday. Its chair, Maren Oskett, said "
    "a cold April had delayed flowering across 640 hectares of orchards. Cider makers in "
    "Brisk have already raised prices, Oskett said.\n"
)
