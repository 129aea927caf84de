"""Claims linked across languages and scripts (issue 9), on hand-made records.

Every outlet, person and place is invented, as in conftest.py.
"""

from __future__ import annotations

from sourcetrace.linking import link_corpus
from sourcetrace.linking.claims import Mention, Speaker, anchors_of, cluster_claims
from sourcetrace.records import Attribution, Cue, Extraction, SourceSpan, TextSpan

from .conftest import record


def claimed(rec: Extraction, *claims: tuple[str, str, str]) -> Extraction:
    """``rec`` with one attribution per ``(speaker, cue, content)``, found in its text."""
    found = []
    for n, (speaker, cue, content) in enumerate(claims, 1):
        s, c, t = rec.text.index(speaker), rec.text.index(cue), rec.text.index(content)
        found.append(Attribution(
            f"a{n}", "indirect", SourceSpan(s, s + len(speaker), speaker, speaker, "person"),
            Cue(c, c + len(cue), cue, cue, "assert"), (TextSpan(t, t + len(content), content),)))
    return Extraction(doc=rec.doc, text=rec.text, attributions=tuple(found))


EN = (
    "Migrants say they were tricked into signing army contracts\n\n"
    "By Lio Danner | The Fenwick Sentinel | 2 October 2023\n\n"
    "Valentina Chupik said that officials at the Sakharovo migration centre gave each migrant "
    "a bundle of 40 papers and told them to sign everything within minutes. Chupik said "
    "that police in Tessary stop migrants on the street every morning.\n"
)
RU = (
    "Мигрантов обманом заставляют подписывать контракты\n\n"
    "Новости Ровены, 3 октября 2023 года\n\n"
    "Валентина Чупик рассказала, что в миграционном центре Сахарово каждому мигранту дают "
    "пачку из 40 бумаг и требуют подписать всё за несколько минут. Она также сообщила, что "
    "в Вельске закрыли ещё один приют для рабочих.\n"
)


def corpus() -> list[Extraction]:
    en = claimed(record("en", EN),
                 ("Valentina Chupik", "said", "officials at the Sakharovo migration centre gave "
                  "each migrant a bundle of 40 papers and told them to sign everything within "
                  "minutes"),
                 ("Chupik", "said that police", "police in Tessary stop migrants on the street "
                  "every morning"))
    ru = claimed(record("ru", RU, lang="ru"),
                 ("Валентина Чупик", "рассказала", "в миграционном центре Сахарово каждому "
                  "мигранту дают пачку из 40 бумаг и требуют подписать всё за несколько минут"),
                 ("Валентина Чупик", "сообщила", "в Вельске закрыли ещё один приют для рабочих"))
    return [en, ru]


def test_speaker_keys_match_across_scripts() -> None:
    assert Speaker("Valentina Chupik", "person").key == Speaker("Чупик", "person").key
    assert Speaker("Cupik", "person").key == Speaker("Валентина Чупик", "person").key
    assert Speaker("Усов", "person").key == Speaker("Andriy Usov", "person").key
    assert Speaker("Би-би-си", "outlet").key == Speaker("BBC", "outlet").key
    assert Speaker("Usov", "person").key != Speaker("Sov", "person").key


def test_anchors_survive_translation() -> None:
    en, ru = (Mention(a, "a1", text, None, Speaker(who, "person"), (), "assert", ("40",), ())
              for a, text, who in (
                  ("en", "officials at the Sakharovo centre gave 40 papers", "Valentina Chupik"),
                  ("ru", "в центре Сахарово дают 40 бумаг", "Валентина Чупик")))
    shared = set(anchors_of(en)) & set(anchors_of(ru))
    assert {"#:40", "s:" + Speaker("Chupik", "person").key} <= shared
    assert any(k.startswith("n:") for k in shared)  # Sakharovo = Сахарово


def test_the_same_claim_in_english_and_russian_is_one_cluster() -> None:
    prov = link_corpus(corpus())
    sakharovo = next(c for c in prov.claims if "Sakharovo" in c.text or "Сахарово" in c.text)
    assert {(m.article, m.attribution) for m in sakharovo.mentions} >= {("en", "a1"), ("ru", "a1")}
    assert len(sakharovo.primary_sources) == 1  # Valentina Chupik = Валентина Чупик
    # the same speaker's other statements, sharing no name or number, stay apart
    for c in prov.claims:
        if c is not sakharovo:
            assert len({m.article for m in c.mentions}) == 1, c.text


def test_cross_language_pairs_need_more_than_the_speaker() -> None:
    mentions = [Mention(a, "a1", text, None, Speaker(who, "person"), (), "assert", (), ())
                for a, text, who in (
                    ("en", "police stop migrants on the street every morning", "Chupik"),
                    ("ru", "закрыли ещё один приют для рабочих", "Чупик"))]
    assert sorted(cluster_claims(mentions, {}, lang_of={"en": "en", "ru": "ru"})) == [[0], [1]]
