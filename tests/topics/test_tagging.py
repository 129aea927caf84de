"""Tagging on hand-made English, Russian and Ukrainian sentences: what a claim evidences."""

from __future__ import annotations

from sourcetrace.records import Extraction
from sourcetrace.topics import ClaimTags, TopicPack
from sourcetrace.topics.matching import fold, is_negated
from sourcetrace.topics.tagging import tag_record

from .conftest import Att, make_record

ENGLISH_ONLY = ("en",)  # the other languages are read sentence by sentence here


def _tags(record: Extraction, pack: TopicPack) -> dict[str, ClaimTags]:
    return {t.unit.id: t for t in tag_record(record, pack, ENGLISH_ONLY)}


def _links(t: ClaimTags) -> set[tuple[str, str, str]]:
    return {(r.actor, r.relation, r.target) for r in t.relations}


def test_police_stopping_migrants_evidences_intimidation_and_deportation(
        recruitment: TopicPack) -> None:
    text = ("Anna Kovalenko, a lawyer who defends migrant workers, said that police officers "
            "regularly stop Central Asian migrants on the street and, using threats of "
            "deportation, push them to sign army contracts.")
    # the content span stops short of "contracts": the sentence end is read too
    rec = make_record(text, "p1", [Att(
        "police officers regularly stop Central Asian migrants on the street and, using "
        "threats of deportation", "said", "Anna Kovalenko",
        descriptor="a lawyer who defends migrant workers")])
    t = _tags(rec, recruitment)["a1"]
    assert _links(t) == {("police", m, "migrants")
                         for m in ("raids", "intimidation", "deportation_threat")}
    # a lawyer for migrants is not a migrant: a sourced claim, not first-hand
    assert t.strength == "sourced" and t.weight == 0.75 and not t.denial


def test_same_words_without_the_recruiting_frame_evidence_nothing(recruitment: TopicPack) -> None:
    text = "Police detained more than a thousand protesters and several migrants in Moscow."
    t = _tags(make_record(text, "p2", assertions=[(text, None)]), recruitment)["s1"]
    assert not t.relations and "police" in t.mentioned and "frame" in t.note


def test_a_denial_evidences_only_the_denial(recruitment: TopicPack) -> None:
    text = "The Defence Ministry denied that it recruits prisoners for the front."
    rec = make_record(text, "p3", [Att("it recruits prisoners for the front", "denied",
                                       "The Defence Ministry", "government", stance="deny")])
    t = _tags(rec, recruitment)["a1"]
    assert t.denial and not t.relations and not t.evidenced
    assert {"defence_ministry", "prisoners"} <= set(t.denied)


def test_the_speaker_is_never_an_actor_of_what_it_says(recruitment: TopicPack) -> None:
    text = "A police spokesman told reporters that recruiters had offered prisoners a pardon."
    rec = make_record(text, "p4", [Att("recruiters had offered prisoners a pardon", "told",
                                       "A police spokesman", "person")])
    t = _tags(rec, recruitment)["a1"]
    assert _links(t) == {("recruiters", "pardon", "prisoners")}


def test_uk_ministry_reporting_is_not_the_russian_ministry(recruitment: TopicPack) -> None:
    text = ("According to the UK Ministry of Defence, Russian recruiters offer migrants a fast "
            "track to citizenship if they sign a contract.")
    t = _tags(make_record(text, "p5", assertions=[(text, None)]), recruitment)["s1"]
    assert _links(t) == {("recruiters", "citizenship_offer", "migrants")}


def test_negated_actor_and_first_hand_speaker(recruitment: TopicPack) -> None:
    text = ("Former prisoners say they were recruited not by Wagner but directly by the "
            "Defence Ministry.")
    rec = make_record(text, "p6", [Att(
        "they were recruited not by Wagner but directly by the Defence Ministry", "say",
        "Former prisoners", "group")])
    t = _tags(rec, recruitment)["a1"]
    assert _links(t) == {("defence_ministry", "direct_recruitment", "prisoners")}
    assert t.relations[0].inferred == ("target is the speaker",)
    assert t.strength == "first_hand" and t.weight == 1.0


def test_hedged_author_assertion_is_weaker_evidence(recruitment: TopicPack) -> None:
    text = ("It seems that Wagner offered prisoners a pardon in exchange for six months at "
            "the front.")
    t = _tags(make_record(text, "p7", assertions=[(text, "It seems")]), recruitment)["s1"]
    assert _links(t) == {("wagner", "pardon", "prisoners")}
    assert t.strength == "hedged" and t.weight == 0.25


def test_a_pronoun_takes_its_target_from_the_sentence_before(recruitment: TopicPack) -> None:
    first = "Hundreds of prisoners were moved to a camp near Rostov."
    second = "They were offered a pardon if they signed a contract with Wagner."
    text = f"{first} {second}"
    t = _tags(make_record(text, "p8", assertions=[(first, None), (second, None)]),
              recruitment)["s2"]
    assert _links(t) == {("wagner", "pardon", "prisoners")}
    assert "target from the sentences before" in t.relations[0].inferred


def test_russian_sentence_speaker_from_known_entity_is_interested(recruitment: TopicPack) -> None:
    text = ("Глава СК Александр Бастрыкин заявил, что полиция проводит рейды и ставит "
            "мигрантов на воинский учет.")
    rec = make_record(text, "r1", lang="ru")
    t = _tags(rec, recruitment)["t1"]
    assert t.unit.kind == "sentence" and t.unit.speaker is not None
    assert t.unit.speaker.entity == "bastrykin" and t.interested is True
    assert ("police", "raids", "migrants") in _links(t)
    assert ("investigative_committee", "military_registration", "migrants") in _links(t)
    # the speaker's own name is blanked: it does not count twice as an actor mention
    assert "Бастрыкин" not in t.unit.focus


def test_russian_conditional_negation_does_not_cancel_the_claim(recruitment: TopicPack) -> None:
    text = ("По словам правозащитницы, полицейские угрожают мигрантам депортацией, если те не "
            "подпишут контракт с Минобороны.")
    t = _tags(make_record(text, "r2", lang="ru"), recruitment)["t1"]
    assert {("police", "intimidation", "migrants"),
            ("police", "deportation_threat", "migrants")} <= _links(t)


def test_russian_denial(recruitment: TopicPack) -> None:
    text = "Минобороны опровергло сообщения о вербовке заключенных в колониях."
    t = _tags(make_record(text, "r3", lang="ru"), recruitment)["t1"]
    assert t.denial and not t.relations
    assert {"defence_ministry", "prisoners"} <= set(t.denied)


def test_ukrainian_sentence_with_aliases(recruitment: TopicPack) -> None:
    text = "За даними ГУР, ПВК «Вагнер» вербує в'язнів, обіцяючи їм помилування."
    t = _tags(make_record(text, "u1", lang="uk"), recruitment)["t1"]
    assert _links(t) == {("wagner", "pardon", "prisoners")}
    assert t.unit.speaker is not None and t.unit.speaker.entity == "ukraine_intelligence"
    assert t.interested is True


def test_negation_window() -> None:
    def neg(text: str, word: str) -> bool:
        f = fold(text)
        return is_negated(f, f.index(word))

    assert neg("they are not Wagner", "Wagner")
    assert neg("recruited not by Wagner", "Wagner")
    assert neg("их не вербовали", "вербовали")
    assert not neg("it is not unusual for police to stop them", "police")
    assert not neg("если те не подпишут контракт", "контракт")
