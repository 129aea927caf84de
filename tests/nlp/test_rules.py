"""Rule behaviour on small hand-written (fictional) sentences (mode "rules":
the learned tagger is checked by the quality gate and the worked example)."""

from __future__ import annotations

from typing import Any

import pytest

from sourcetrace.jobs import extract_articles
from sourcetrace.records import Article, Attribution, Extraction


class _Rules:
    @staticmethod
    def extract(text: str, **meta: Any) -> Extraction:
        return next(extract_articles([Article(text=text).with_meta(**meta)], mode="rules"))


sourcetrace = _Rules()

pytestmark = pytest.mark.slow


def only(record: Extraction, cue: str) -> Attribution:
    found = [a for a in record.attributions if a.cue.text == cue]
    assert len(found) == 1, [a.to_dict() for a in record.attributions]
    return found[0]


def test_indirect_speech_with_channel() -> None:
    r = sourcetrace.extract("Mayor Ilse Varnow told Radio Meridian that the bridge would reopen in May.")
    a = only(r, "told")
    assert a.kind == "indirect"
    assert a.source is not None and a.source.name == "Ilse Varnow" and a.source.type == "person"
    assert a.channel is not None and a.channel.name == "Radio Meridian"
    assert a.content[0].text == "that the bridge would reopen in May"
    assert a.cue.stance == "assert"


def test_direct_quote_before_and_after_the_cue() -> None:
    r = sourcetrace.extract(
        "“The bridge is safe,” said Tomas Brell, the city engineer.\n"
        "Brell added: “We checked every bolt twice.”"
    )
    first = only(r, "said")
    assert first.kind == "direct" and first.content[0].text == "“The bridge is safe,”"
    assert first.source is not None and first.source.name == "Tomas Brell"
    assert first.source.descriptor == "the city engineer"
    second = only(r, "added")
    assert second.kind == "direct" and second.content[0].text == "“We checked every bolt twice.”"
    assert second.source is not None and second.source.name == "Tomas Brell"


def test_multi_sentence_quote_is_one_content() -> None:
    r = sourcetrace.extract("“The water rose fast. Nobody expected it,” the farmer Ada Kell said.")
    a = only(r, "said")
    assert a.content[0].text == "“The water rose fast. Nobody expected it,”"


def test_according_to_and_mixed_quote() -> None:
    r = sourcetrace.extract(
        "According to the Harbour Ledger, the ministry paid 40 recruiters. "
        "The minister said that the plan was “entirely lawful and voluntary.”"
    )
    acc = only(r, "According to")
    assert acc.kind == "according_to" and acc.source is not None
    assert acc.source.name == "Harbour Ledger" and acc.source.type == "outlet"
    assert acc.content[0].text == "the ministry paid 40 recruiters"
    mixed = only(r, "said")
    assert mixed.kind == "mixed"


@pytest.mark.parametrize(
    ("sentence", "cue", "stance"),
    [
        ("The ministry denied that any detainee was coerced.", "denied", "deny"),
        ("The governor confirmed that the camp exists.", "confirmed", "confirm"),
        ("Activists claimed that the figures were inflated.", "claimed", "claim"),
        ("The mayor believes that the vote will be close.", "believes", "believe"),
        ("The Lissom Gazette reported that the dam had cracked.", "reported", "report"),
        ("The harbour board's letter detailed how the pier would be shut.", "detailed", "assert"),
        ("The harbour master instructed that the pier be closed at dusk.", "instructed", "assert"),
    ],
)
def test_stance(sentence: str, cue: str, stance: str) -> None:
    a = only(sourcetrace.extract(sentence), cue)
    assert a.cue.stance == stance


def test_pronoun_partial_name_and_definite_description() -> None:
    r = sourcetrace.extract(
        "Marta Velikan, a lawyer for the detainees, said that the men were never told the terms. "
        "She said that forty clients had been moved. "
        "Velikan told the Harbour Ledger that she would appeal. "
        "The newspaper reported that the court had not replied."
    )
    names = [a.source.name for a in r.attributions if a.source]
    assert names[:3] == ["Marta Velikan"] * 3
    assert r.attributions[0].source is not None
    assert r.attributions[0].source.descriptor == "a lawyer for the detainees"
    last = r.attributions[-1]
    assert last.source is not None and (last.source.name, last.source.type) == ("Harbour Ledger", "outlet")


@pytest.mark.parametrize(
    ("text", "cue", "name"),
    [
        # "they": a plural subject named since the last group source is nearer
        ("The Harbour Ledger reported that the ferry would stop. Dock workers were angry. "
         "They said the stop was unfair.", "said", "Dock workers"),
        # no plural subject in between: the last group source stands
        ("Dock workers said the ferry would stop. The harbour was quiet. "
         "They added that the stop was unfair.", "added", "Dock workers"),
        # "he" with no earlier speaker: a person named as a subject nearby
        ("Tomas Brenn is buried outside Pellhaven. It was the last letter Tomas Brenn wrote. "
         "In it, he said he feared the harbour would close.", "said", "Tomas Brenn"),
        # an earlier speaker stands: "she" cannot tell two named people apart
        ("Mayor Ilse Varnow said the pier would open. Tomas Brenn visited the town. "
         "She added that the pier was safe.", "added", "Ilse Varnow"),
        # an unnamed speaker after the named one is nearer
        ("Tomas Brenn said the pier was shut. Ilse Varnow's father told the Harbour Ledger "
         "that the boat had left. He also said that the crew was safe.", "also said",
         "Ilse Varnow's father"),
        # ... unless the noun rules the pronoun out
        ("Tomas Brenn said the pier was shut. Ilse Varnow's mother told the Harbour Ledger "
         "that the boat had left. He also said that the crew was safe.", "also said",
         "Tomas Brenn"),
        # a title with no name: the speaker described with it before
        ("Harbour Minister Ilse Varnow said the pier would close. Tomas Brenn left. "
         "The Dunmere Harbour Minister added that she was sorry.", "added", "Ilse Varnow"),
        # a description with its own "of" phrase is not the last person who spoke
        ("Tomas Brenn said the pier was shut. The head of the Dunmere Rowing Club added that "
         "it was open.", "added", "head of the Dunmere Rowing Club"),
        # ... nor is a title noun no speaker was given
        ("Tomas Brenn said the pier was shut. The minister added that it was open.", "added",
         "minister"),
        # "they": a coordinated subject named since, not a single unnamed speaker
        ("Tomas Brenn and several sailors seem to agree. They say the pier was shut.", "say",
         "Tomas Brenn and several sailors"),
        ("Dock workers said the ferry would stop. A Norwegian said the fog was thick. "
         "They added that the stop was unfair.", "added", "Dock workers"),
        # someone who only spoke to an outlet is still the nearest speaker for "he"
        ("Tomas Brenn said the pier was shut. A sailor spoke to the Harbour Ledger from his "
         "cabin. He added that the crew had not been paid.", "added", "sailor"),
        # ... and for a definite description of an unnamed person
        ("Tomas Brenn said the pier was shut. An inmate spoke to the Harbour Ledger from his "
         "cell. The prisoner added that the guards were cruel.", "added", "inmate"),
        # ... as are the people an outlet spoke with
        ("Dock workers said the ferry would stop. This week the Harbour Ledger spoke with two "
         "ferry pilots. They added that the fog was thick.", "added", "ferry pilots"),
        # in the narrative, "they" is not a subject in what the speakers said
        ("Two ferry pilots said that dozens of sailors had left. They added that the fog was "
         "thick.", "added", "ferry pilots"),
        # ", saying …" after a reported clause: the reporter goes on speaking
        ('Ilse Varnow announced that the ferry had stopped, saying "the crew is safe."',
         "saying", "Ilse Varnow"),
        # a surname takes the full name the article gave before
        ("Pellhaven's mayor, Ilse Varnow, resigned on Tuesday. Varnow said she was leaving.",
         "said", "Ilse Varnow"),
        # "the company": the last firm named
        ("Dunmere Shipping said it would not raise wages. The company added that the strike "
         "had cost millions.", "added", "Dunmere Shipping"),
        # a pronoun left unresolved is no one's antecedent
        ("He informed his father that the pier was shut. She claims that the crew was safe.",
         "claims", "she"),
        # "he" after "one of the sailors": one unnamed person
        ('Tomas Brenn said the pier was shut. One of the sailors described the storm. '
         '"We lost the mast," he noted.', "noted", "One of the sailors"),
        # "he" quoted in a speaker's words is someone else
        ('Tomas Brenn spoke to the Harbour Ledger. "He told me the pier was shut," Brenn said.',
         "told", "he"),
        # "the farmer": the description an indefinite noun phrase introduced
        ("One of the rescued boats carried a retired farmer from Dunmere. It docked at noon. "
         "The farmer says he saw the fog come in.", "says", "retired farmer"),
        # a person the narrative made its subject since the last speaker
        ("Ilse Varnow said the pier was shut. Mayor Tomas Brenn has stood by the harbour board. "
         "He told reporters that the board had acted well.", "told", "Tomas Brenn"),
        # … but not one inside what a speaker said
        ("Ilse Varnow said that Tomas Brenn had lied. She added that the board knew.", "added",
         "Ilse Varnow"),
        # "the company" before any firm spoke: the last one named
        ("Brightfield Homes will shut two sites, the company said.", "said",
         "Brightfield Homes"),
        # a subject the parse hung as an apposition in a phrase before the cue
        ("In an interview with the Harbour Ledger, the town's mayor, Ilse Varnow, said the pier "
         "was shut.", "said", "Ilse Varnow"),
        # a participle the parse hung on a relative clause tells of the main clause
        ('Mayor Ilse Varnow vetoed a provision that would have raised ferry fares by 5 percent, '
         'calling it "reckless".', "calling", "Ilse Varnow"),
        # a firm introduced by its noun; "the company" is no company spokeswoman
        ("The tech company Kestrel was fined on Monday. A company spokeswoman said the fine "
         "was unfair. The fine was too small, the company has said.", "has said", "Kestrel"),
        # a subject named in apposition since the last speaker
        ("Ilse Varnow said the pier was shut. The harbour board's chairman, Tomas Brenn, "
         "resigned on Monday. He told reporters the board had failed.", "told", "Tomas Brenn"),
        # a firm's first word alone names the firm given in full before
        ("The builder, Brightfield Homes, was fined on Monday. Later, Brightfield said it would "
         "appeal.", "said", "Brightfield Homes"),
    ],
)
def test_pronoun_antecedent(text: str, cue: str, name: str) -> None:
    a = only(sourcetrace.extract(text), cue)
    assert a.source is not None and a.source.name == name


@pytest.mark.parametrize(
    ("sentence", "cue", "name", "kind"),
    [
        ("Ilse Varnow's family said that the boat had left early.", "said",
         "Ilse Varnow's family", "group"),  # written as in the text, a family is a group
        ("Norway has offered to send two rescue ships, officials said.", "has offered",
         "Norway", "government"),  # a country speaks for its state
        ("The crew said the engine had failed twice.", "said", "crew", "group"),
        # what a quantity counts speaks, not the quantity
        ("Dozens of text messages seen by the Harbour Ledger show that the crew was unpaid.",
         "show", "text messages", "document"),
        ("Many of the sailors said the fog was thick.", "said", "sailors", "group"),
        ("Figures released by the port authority show that traffic fell.", "show",
         "port authority", "government"),
        ("Figures seen by the Harbour Ledger show that traffic fell.", "show", "Figures",
         "document"),
        ("The Dunmere Penitentiary Service said the inmates had left.", "said",
         "Dunmere Penitentiary Service", "government"),
        ("An inmate said the guards were cruel.", "said", "inmate", "anonymous"),
        # a military body's name, with its "of" phrases
        ("The General Staff of the Armed Forces of Dunmere said the ships would sail.", "said",
         "General Staff of the Armed Forces of Dunmere", "government"),
        ("The Dunmere General Staff said the ships would sail.", "said",
         "Dunmere General Staff", "government"),
        # a document issued by a named person or a body: they speak through it
        ("A statement from Tomas Brenn, the harbour master, said the pier was shut.", "said",
         "Tomas Brenn", "person"),
        ("A letter by the Dunmere Harbour Ministry said the pier was shut.", "said",
         "Dunmere Harbour Ministry", "government"),
        # one quoted as saying spoke, not who quoted them
        ('"We lost the mast," sailors quoted Tomas Brenn as saying.', "quoted", "Tomas Brenn",
         "person"),
        ("The Harbour Ledger quoted Ilse Varnow as saying that the pier was shut.", "saying",
         "Ilse Varnow", "person"),
        ("Lusaka has asked Moscow to explain the delay.", "has asked", "Lusaka", "government"),
        # a body's unit keeps the body's name; a short form with "of" in it names the body
        ("Russia is luring sailors, says the intelligence service of the Dunmere Ministry of "
         "Defence (MOD).", "says", "intelligence service of the Dunmere Ministry of Defence",
         "government"),
        ("The Dunmere Ministry of Defence (MOD) said the fleet was ready. The ships will sail "
         "soon, MOD reports.", "reports", "Dunmere Ministry of Defence", "government"),
        ("According to intelligence from the Dunmere Department of Defense, the fleet will sail.",
         "According to", "Dunmere Department of Defense", "government"),
        # a firm's name; a body that is no news agency
        ("Dunmere Shipping said it would not raise wages.", "said", "Dunmere Shipping",
         "organization"),
        ("The Harbour Ledger reported the strike. According to figures from the UN refugee "
         "agency, 2,000 sailors have left.", "According to", "UN refugee agency", "organization"),
        # … or issued it: "released/published by", not "seen by"
        ("A report released on Monday by the Dunmere Human Rights Centre says 300 men were "
         "taken.", "says", "Dunmere Human Rights Centre", "organization"),
        ("A report published by the Harbour Ledger said the pier was shut.", "said",
         "Harbour Ledger", "outlet"),
        # a common noun the tagger took for a name stays a common noun phrase
        ("The Ostrian foreign ministry said on Thursday it had recalled its ambassador. The "
         "Dunmere foreign ministry replied that it was false.", "replied", "Dunmere foreign ministry",
         "government"),
        # legal texts and their versions are documents
        ("The decree says that the contract must last a year.", "says", "decree", "document"),
        ("The old version of the charter stated that pilots must serve a year.", "stated",
         "old version of the charter", "document"),
        # an outlet noun with the outlet's name beside it: the name, not the noun
        ("The Dunmere newspaper Harbour Ledger pointed out that the pier was shut.", "pointed out",
         "Harbour Ledger", "outlet"),
        ("The newspaper, Harbour Ledger, said the pier was shut.", "said", "Harbour Ledger",
         "outlet"),
        ("One of the stranded passengers, a retired pilot, said the fog was thick.", "said",
         "One of the stranded passengers", "anonymous"),  # an unnamed member of a group
        ("Oslo denied that the ships had been recalled.", "denied", "Oslo", "government"),
        ("Ms. Washington said the pier was safe.", "said", "Washington", "person"),  # a title
        ("A Norwegian said the fog was thick.", "said", "Norwegian", "anonymous"),
        ("The Finns claim that the ferry was late.", "claim", "Finns", "group"),
        # a unit of an outlet speaks for the outlet
        ("The Harbour Ledger's weekend desk reported that the ferry had sunk.", "reported",
         "Harbour Ledger", "outlet"),
        ("The head of the harbour board said the pier would close.", "said",
         "head of the harbour board", "anonymous"),
        # a name set off by commas after its description names the speaker
        ("The harbour board's chairman, Tomas Brenn, said the pier would close.", "said",
         "Tomas Brenn", "person"),
        ("The newspaper, the Harbour Ledger, said the pier was shut.", "said",
         "Harbour Ledger", "outlet"),
        # the whole outlet name, not a known outlet's word inside it ("Times")
        ("We, the journalists of the Pellhaven Times, refuse to be silenced.", "refuse",
         "Pellhaven Times", "outlet"),
        # capitalised words before an office noun are a title, a title word further in is a name
        ("Harbour Minister Ilse Varnow said the pier would close.", "said", "Ilse Varnow",
         "person"),
        ("Tomas Prince Brenn said the pier would close.", "said", "Tomas Prince Brenn",
         "person"),
        ("One of his friends whose name we have withheld said the boat was safe.", "said",
         "One of his friends", "anonymous"),
        # a name right after its noun: "his mother Ms Varnow"
        ("According to his brother Tomas, the pier was shut.", "According to", "Tomas", "person"),
        # the one quoted spoke, not who quoted
        ("“The pier is shut,” his mother Ms Varnow was quoted as saying.", "was quoted",
         "Varnow", "person"),
        ("Tomas Brenn was quoted by the Harbour Ledger as saying that the pier was shut.",
         "saying", "Tomas Brenn", "person"),
        # a role that a name closes with no comma
        ("Chairman of the Harbour Committee of Norway Ilse Varnow said the pier would close.",
         "said", "Ilse Varnow", "person"),
        ("BBC Africa reported that the pier was shut.", "reported", "BBC Africa", "outlet"),
        # a body's name runs on through "of", and its acronym names it again
        ("The Harbour Authority of Dunmere said the pier was shut.", "said",
         "Harbour Authority of Dunmere", "government"),
        ("The Dunmere Harbour Authority (DHA) closed the pier. The DHA said the pier was unsafe.",
         "said", "Dunmere Harbour Authority", "government"),
        # a body keeps its owner: "Norway's" and "Sweden's" foreign ministries are two
        ("Sweden’s Foreign Ministry has accused the harbour board of lying.", "has accused",
         "Sweden’s Foreign Ministry", "government"),
        # ... unless the short name is an outlet's
        ("The British Broadcasting Corporation (BBC) reported that the pier was shut.",
         "reported", "BBC", "outlet"),
        # a hyphen that breaks the parse ("vice", "-", "chair") is no subject
        ("At the end of May, the vice-chair of the Dunmere Harbour Board, Ilse Varnow, assured "
         "that the pier would reopen.", "assured", "Ilse Varnow", "person"),
        # a government word a non-governmental modifier qualifies
        ("Aid agencies said food was running out in Dunmere.", "said", "Aid agencies",
         "organization"),
        ("The UN refugee agency said the camps were full.", "said", "UN refugee agency",
         "organization"),
        # the media at large, named by a word that says which
        ("Dunmere state media reported that the pier was shut.", "reported", "Dunmere state media",
         "outlet"),
        # a title the tokenizer split from its period
        ("Maj. Gen. Ilse Varnow said the line held.", "said", "Ilse Varnow", "person"),
        # a paper's name may open with "Daily"
        ("The Daily Meridian wrote that the pier was sold.", "wrote", "Daily Meridian", "outlet"),
        # "some" and "others" are parts of a group, never the last body named
        ("The Tidewater Ledger reported the strike. Some argue that the pier is unsafe.", "argue",
         "some", "group"),
        # a name set beside a firm's noun is a firm's
        ("Kestrel, a retailer based in Dunmere, said sales fell.", "said", "Kestrel",
         "organization"),
    ],
)
def test_source_name_as_written_and_its_type(sentence: str, cue: str, name: str, kind: str) -> None:
    a = only(sourcetrace.extract(sentence), cue)
    assert a.source is not None and (a.source.name, a.source.type) == (name, kind)


@pytest.mark.parametrize(
    ("sentence", "cue", "descriptor"),
    [
        ("The harbour board's chairman, Tomas Brenn, said the pier would close.", "said",
         "harbour board's chairman"),
        ("One of the rescued boats carried a retired farmer from Dunmere, who was ill. It "
         "docked at noon. The farmer says he saw the fog come in.", "says",
         "a retired farmer from Dunmere"),
        # a surname speaking after the full name was given outside any attribution
        ("Pellhaven's mayor, Ilse Varnow, resigned on Tuesday. Varnow said she was leaving.",
         "said", "Pellhaven's mayor"),
        # an age set off by commas is no descriptor
        ("“We are not afraid,” said Ana Lopez, 34, a nurse from Dunmere.", "said",
         "a nurse from Dunmere"),
        # a modifier before a lowercase title runs on through it, not through "Dr."
        ("Fisheries minister Ilse Varnow said the quota would fall.", "said", "Fisheries minister"),
        ("Marine biologist Dr. Ilse Varnow said the stocks were low.", "said", "Marine biologist"),
    ],
)
def test_source_descriptor(sentence: str, cue: str, descriptor: str) -> None:
    a = only(sourcetrace.extract(sentence), cue)
    assert a.source is not None and a.source.descriptor == descriptor


def test_first_person_outside_a_quotation_is_the_authors_voice() -> None:
    r = sourcetrace.extract('Ilse Varnow said the pier was shut. "We will reopen it," she said. '
                            'We have learned that the pier was never shut.')
    said = [a for a in r.attributions if a.cue.text == "said"]
    assert [a.source.name for a in said if a.source] == ["Ilse Varnow", "Ilse Varnow"]
    ours = only(r, "have learned")
    assert ours.source is not None and ours.source.name == "we"
    assert ours.source.type == "unknown" and "author" in (ours.source.descriptor or "")


def test_the_wire_in_the_dateline_is_an_outlet_wherever_it_is_named() -> None:
    a = only(sourcetrace.extract("PELLHAVEN (Tidewire) - The pier will stay shut, the harbour "
                                 "board said.\n\nTomas Brenn told Tidewire that the fog was thick."),
             "told")
    assert a.channel is not None and a.channel.name == "Tidewire"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        # a name an outlet noun introduced, even where the parse took it for a verb
        ("A harbour board spokesman told the newspaper Tidepost that the pier was shut.", "Tidepost"),
        ("The letters, obtained by the website Tidepost, show the fees. Tomas Brenn told Tidepost "
         "that the fees were fair.", "Tidepost"),
        # the media at large, named by a word that says which
        ("Harbour master Ilse Varnow told state television that the pier was shut.",
         "state television"),
    ],
)
def test_recipient_outlet_is_the_channel(text: str, channel: str) -> None:
    a = only(sourcetrace.extract(text), "told")
    assert a.channel is not None and a.channel.name == channel


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # "in comments to X" hung on the cue's object
        ("The harbour board claimed victory in comments to the Tidewater Ledger.", "claimed"),
        # a named recipient hung on the cue's object
        ("Mayor Ilse Varnow confirmed the sale to the Tidewater Ledger on Tuesday.", "confirmed"),
        # "in a response to questions from X", "in an email to X"
        ("In a written response to questions from the Tidewater Ledger, a harbour board "
         "spokesperson said the pier was shut.", "said"),
        ("In an email to the Tidewater Ledger, Tomas Brenn said the pier was shut.", "said"),
        # a passive "quoted as saying by X"
        ('"The pier is shut," a harbour official was quoted as saying by the Tidewater Ledger.',
         "was quoted"),
    ],
)
def test_the_outlet_a_statement_was_made_to_is_the_channel(text: str, cue: str) -> None:
    a = only(sourcetrace.extract(text), cue)
    assert a.channel is not None and a.channel.name == "Tidewater Ledger"


def test_a_claim_a_clause_is_called_after_a_comma_is_framing_with_an_attribution_of_its_own() -> None:
    r = sourcetrace.extract("Fishermen warned on Friday that the new quotas would ruin the fleet, a "
                            "charge the fisheries ministry denies.")
    warned, denies = only(r, "warned"), only(r, "denies")
    assert [c.text for c in warned.content] == ["that the new quotas would ruin the fleet"]
    assert denies.source is not None and denies.source.name == "fisheries ministry"
    assert [c.text for c in denies.content] == ["a charge"] and denies.parent is None


def test_a_named_person_whose_title_fits_an_earlier_description_is_that_speaker() -> None:
    r = sourcetrace.extract("The pier is shut, the regional governor said. Governor Ilse Varnow "
                            "wrote that it would reopen in May.")
    assert {a.cue.text: a.source and a.source.name for a in r.attributions} == {
        "said": "Ilse Varnow", "wrote": "Ilse Varnow"}


def test_the_outlet_that_interviewed_the_speaker_is_the_channel() -> None:
    a = only(sourcetrace.extract("A Norwegian sailor interviewed by the Harbour Ledger said "
                                 "the fog was thick."), "said")
    assert a.channel is not None and a.channel.name == "Harbour Ledger"
    assert a.source is not None and a.source.name == "Norwegian sailor"


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        # the parse takes the clause's subject for an apposition no comma closes
        ("According to the Harbour Ledger, dock workers who are worried about the fog have "
         "asked for more pilots.", "the Harbour Ledger",
         "dock workers who are worried about the fog have asked for more pilots"),
        # a closed apposition and a relative aside stay the source's
        ("According to Tomas Brenn, the harbour master, the pier was shut.",
         "Tomas Brenn, the harbour master,", "the pier was shut"),
        ("The pier was shut, according to the Harbour Ledger, which did not name its sources.",
         "the Harbour Ledger, which did not name its sources", "The pier was shut"),
    ],
)
def test_according_to_source_ends_where_its_phrase_does(text: str, source: str, content: str) -> None:
    a = only(sourcetrace.extract(text), "According to" if text.startswith("According") else "according to")
    assert a.source is not None and a.source.text == source
    assert [c.text for c in a.content] == [content]
    if a.source.name == "Harbour Ledger":
        assert a.source.descriptor is None


def test_a_that_clause_the_parse_hung_on_the_cues_adjunct_is_the_content() -> None:
    r = sourcetrace.extract("Tomas Brenn told reporters outside the terminal that the company had "
                            "given families no information.")
    assert [c.text for c in only(r, "told").content] == [
        "that the company had given families no information"]


def test_a_closing_reporting_clause_the_parse_hung_on_what_it_reports() -> None:
    r = sourcetrace.extract("The Dunmere government is considering a levy on foreign ships, the "
                            "Harbour Ledger reported on Wednesday, citing three officials.")
    assert [a.cue.text for a in r.attributions] == ["reported", "citing"]
    reported, citing = r.attributions
    assert reported.source is not None and reported.source.name == "Harbour Ledger"
    assert [c.text for c in reported.content] == ["The Dunmere government is considering a levy on foreign ships"]
    # the officials the report cites are its source: their attribution of the same words,
    # nested in the Ledger's, which passed them on
    assert citing.source is not None and citing.source.text == "three officials"
    assert citing.parent == reported.id and citing.channel is not None and citing.channel.name == "Harbour Ledger"
    assert [c.text for c in citing.content] == [c.text for c in reported.content]


def test_another_speaker_described_alike_is_someone_else() -> None:
    r = sourcetrace.extract('"We leave," one pilot told the Harbour Ledger. Another pilot said his '
                            'crew would stay.')
    told, said = only(r, "told"), only(r, "said")
    assert told.channel is not None and told.channel.name == "Harbour Ledger"
    assert said.source is not None and said.source.type == "anonymous" and said.channel is None


def test_who_was_asked_is_not_who_asked() -> None:
    r = sourcetrace.extract("Asked whether the ministry would act, Karl Jensen said: “That is not "
                            "our decision.”")
    assert only(r, "Asked").source is None
    said = only(r, "said")
    assert said.source is not None and said.source.name == "Karl Jensen"


def test_a_gloss_of_an_outlets_name_in_brackets_is_no_other_outlet() -> None:
    r = sourcetrace.extract("The weekly Gazeta Portowa (Harbour Gazette) reported that the pier was "
                            "shut. The publication added that it would reopen.")
    a = only(r, "added")
    assert a.source is not None and a.source.name == "Gazeta Portowa"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        # a talk with an outlet routes the speaker's later words through it
        ("Ilse Varnow spoke to the Harbour Ledger last week. She said the pier would reopen.",
         "Harbour Ledger"),
        ("This week the Harbour Ledger spoke with two ferry pilots. They said the fog was thick.",
         "Harbour Ledger"),
        ("The Harbour Ledger interviewed two ferry pilots. They said the fog was thick.",
         "Harbour Ledger"),
        # ... as does an earlier statement made to it
        ("Ilse Varnow told the Harbour Ledger that the pier was shut. Varnow said it would "
         "reopen.", "Harbour Ledger"),
        # "informed the Harbour Ledger": a recipient like "told"
        ("Ilse Varnow informed the Harbour Ledger that the pier was shut. She said it would "
         "reopen.", "Harbour Ledger"),
        # who quoted the speaker heard them
        ("The Harbour Ledger quoted Ilse Varnow as saying that the pier was shut. She said it "
         "would reopen.", "Harbour Ledger"),
        # a talk set beside the cue
        ("Speaking to the Harbour Ledger on Tuesday, Ilse Varnow said the pier was shut.",
         "Harbour Ledger"),
        # a talk between two people is no channel
        ("Ilse Varnow spoke with Tomas Brenn on Monday. She said the pier would reopen.", None),
    ],
)
def test_a_speakers_route_through_an_outlet_carries_to_their_later_words(
        text: str, channel: str | None) -> None:
    a = [x for x in sourcetrace.extract(text).attributions if x.cue.text == "said"][-1]
    assert (a.channel.name if a.channel else None) == channel


def test_nesting_inside_content() -> None:
    r = sourcetrace.extract("Former detainees said that recruiters told them that their sentences would be erased.")
    outer = only(r, "said")
    inner = only(r, "told")
    assert inner.parent == outer.id
    assert outer.parent is None


@pytest.mark.parametrize(
    "text",
    [
        "The workers were told that they would be paid in cash.",
        # conjoined to a verb with its own subject: still who was told, not who told
        "The Harbour Ledger reported that two sailors had been arrested and were told "
        "that they would be paid in cash.",
    ],
)
def test_unsourced_passive(text: str) -> None:
    a = only(sourcetrace.extract(text), "were told")
    assert a.kind == "unsourced" and a.source is None


def test_anonymous_and_group_types() -> None:
    r = sourcetrace.extract(
        "A prison guard who asked not to be named said that the visits happened at night. "
        "Residents say the road has been closed for weeks."
    )
    guard = only(r, "said")
    assert guard.source is not None and guard.source.type == "anonymous"
    residents = only(r, "say")
    assert residents.source is not None and residents.source.type == "group"
    assert not any(a.cue.lemma == "ask" for a in r.attributions)


def test_hedged_author_assertion_is_not_an_attribution() -> None:
    r = sourcetrace.extract("It seems the council has lost patience with the contractor.")
    assert r.attributions == ()
    assert len(r.assertions) == 1
    assert r.assertions[0].hedge is not None and r.assertions[0].hedge.text == "It seems"


def test_first_person_inside_a_quote_is_part_of_the_quote() -> None:
    r = sourcetrace.extract("“I think the dam will hold,” the engineer said.")
    assert [a.cue.text for a in r.attributions] == ["said"]


def test_pseudonym_is_noted() -> None:
    r = sourcetrace.extract(
        "The Ledger spoke to a man who asked to be called Tomas. "
        "Tomas said that he was promised a residence permit."
    )
    a = only(r, "said")
    assert a.source is not None and a.source.name == "Tomas"
    assert a.source.descriptor is not None and "pseudonym" in a.source.descriptor


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A ferry pilot, who gave his name only as Ruslan, said the fog was thick.", "Ruslan"),
        ("A deckhand who gave only her first name, Dana, said the crew was tired.", "Dana"),
        ("A witness, identified in court only as Witness B, said the pier was dark.", "Witness B"),
    ],
)
def test_a_name_given_only_so_is_a_pseudonym(text: str, name: str) -> None:
    a = only(sourcetrace.extract(text), "said")
    assert a.source is not None and a.source.name == name
    assert a.source.descriptor is not None and "pseudonym" in a.source.descriptor


def test_headline_colon_names_its_speaker_and_runs_to_the_line_end() -> None:
    r = sourcetrace.extract("Mayor Varnow: Bridge Will Reopen in May, Ferry Stays.\n\n"
                            "The mayor of Dunmere spoke on Monday.")
    a = only(r, ":")
    assert a.source is not None and a.source.text == "Mayor Varnow"
    assert [c.text for c in a.content] == ["Bridge Will Reopen in May, Ferry Stays"]


def test_transcript_turns_are_attributed_to_their_speakers() -> None:
    r = sourcetrace.extract('The interview went on.\n\n"HOST: Will the bridge open in May? '
                            'People want to know.\n\n"VARNOW: It will. We are sure of it."')
    turns = {a.source.text: [c.text for c in a.content]
             for a in r.attributions if a.cue.text == ":" and a.source is not None}
    assert turns["HOST"] == ["Will the bridge open in May? People want to know."]
    # (the turn ends inside the quotation: its closing mark is not the speaker's)
    assert turns["VARNOW"] == ["It will. We are sure of it."]


@pytest.mark.parametrize("label", ["Editor's note", "Correction", "Update", "Details"])
def test_colon_labels_are_no_speakers(label: str) -> None:
    r = sourcetrace.extract(f"{label}: An earlier version of this article misstated the date.")
    assert not [a for a in r.attributions if a.cue.text == ":"]


def test_quotation_signed_with_a_dash_is_attributed_to_the_name() -> None:
    r = sourcetrace.extract("Readers wrote in.\n\n“The bridge has been shut too long. We need it.” "
                            "― Tomas Brenn\n“Keep the ferry running.” — Ana Lisk, a nurse\n")
    got = {a.source.text: [c.text for c in a.content] for a in r.attributions
           if a.source is not None}
    assert got["Tomas Brenn"] == ["“The bridge has been shut too long. We need it.”"]
    assert got["Ana Lisk"] == ["“Keep the ferry running.”"]


def test_dash_inside_a_sentence_is_no_byline() -> None:
    r = sourcetrace.extract("He called the plan “a disaster” — Brenn and Lisk agreed later that week.")
    assert not [a for a in r.attributions if a.cue.text in {"—", "―"}]


def test_cue_after_a_paragraph_break_is_not_the_quotes() -> None:
    r = sourcetrace.extract("“The bridge is safe,” said Tomas Brell. “We checked every bolt.”\n\n"
                            "Brell continued:\n\n“The ferry can stop now.”")
    a = only(r, "continued")
    assert [c.text for c in a.content] == ["“The ferry can stop now.”"]


def test_relative_pronoun_after_an_apposition_resolves_to_the_name() -> None:
    r = sourcetrace.extract("“The ferry is late,” said Tomas Brenn, a harbour clerk, who added that "
                            "the fog would lift by noon.")
    said, added = only(r, "said"), only(r, "added")
    assert said.source is not None and said.source.descriptor == "a harbour clerk"
    assert added.source is not None and added.source.name == "Tomas Brenn"
    r = sourcetrace.extract("Tomas Brenn, a harbour clerk who works nights, said the fog would lift.")
    a = only(r, "said")
    assert a.source is not None and a.source.descriptor == "a harbour clerk who works nights"


def test_according_to_after_a_plan_is_the_attribution_not_a_channel() -> None:
    r = sourcetrace.extract("Mayor Ilse Varnow plans to visit the harbour on Sunday, according to a "
                            "campaign aide.")
    acc, plan = only(r, "according to"), only(r, "plans")
    assert acc.source is not None and acc.source.text == "a campaign aide"
    assert [c.text for c in acc.content] == ["Mayor Ilse Varnow plans to visit the harbour on Sunday"]
    assert plan.parent == acc.id  # nested: the aide says what Varnow plans
    r = sourcetrace.extract("According to Radio Meridian, Mayor Ilse Varnow said the bridge would reopen.")
    said, acc = only(r, "said"), only(r, "According to")
    assert said.channel is not None and said.channel.name == "Radio Meridian"
    assert said.parent == acc.id  # the station passes the mayor's words on (PolNeAR's reading)
    assert [c.text for c in acc.content] == ["Mayor Ilse Varnow said the bridge would reopen"]


def test_according_to_stays_the_attribution_only_when_it_relays_words() -> None:
    r = sourcetrace.extract("“The bridge will reopen,” Mayor Ilse Varnow said, according to an "
                            "account by Radio Meridian.")
    said, acc = only(r, "said"), only(r, "according to")
    assert said.parent == acc.id and acc.source is not None
    assert [c.text for c in acc.content] == ["“The bridge will reopen,” Mayor Ilse Varnow said"]
    for sentence in (  # a pronoun, an outlet's own sources, a clause inside the words
        "The mayor said the bridge would reopen, according to them.",
        "Reuters reported that the pier was sold, according to two people familiar with the deal.",
        "Brenn says the toll, which stood at 40 crowns, was too high according to the ledger.",
    ):
        r = sourcetrace.extract(sentence)
        assert all(a.parent is None for a in r.attributions), sentence


def test_a_finite_cue_hung_on_a_root_name_takes_the_name_as_its_source() -> None:
    # the parse the small English model gives some "Name, role, verbed that …" sentences:
    # the name is the root and the verb an "acl" of it
    from spacy.tokens import Doc

    from sourcetrace.nlp.cues import _verb_source
    from sourcetrace.nlp.pipeline import load_pipeline

    words = ["Tomas", "Brenn", ",", "head", "of", "the", "board", ",", "acknowledged", "that",
             "the", "pier", "was", "unsafe", "."]
    heads = [1, 1, 1, 1, 3, 6, 4, 1, 1, 12, 11, 12, 8, 12, 1]
    deps = ["compound", "ROOT", "punct", "appos", "prep", "det", "pobj", "punct", "acl", "mark",
            "det", "nsubj", "ccomp", "acomp", "punct"]
    tags = ["NNP", "NNP", ",", "NN", "IN", "DT", "NN", ",", "VBN", "IN", "DT", "NN", "VBD", "JJ", "."]
    pos = ["PROPN", "PROPN", "PUNCT", "NOUN", "ADP", "DET", "NOUN", "PUNCT", "VERB", "SCONJ",
           "DET", "NOUN", "AUX", "ADJ", "PUNCT"]
    doc = Doc(load_pipeline("en", "rules").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    source = _verb_source(doc[8])
    assert source is not None and [t.text for t in source] == ["Tomas", "Brenn", ",", "head", "of", "the", "board"]


def test_a_source_after_a_comma_that_the_parse_hung_on_the_content() -> None:
    # "…, Norway's foreign ministry has said." parsed with the source as an apposition
    # inside the content (as the small English model parses some such sentences)
    from sourcetrace.nlp.cues import _preposed_source, cut_before
    from sourcetrace.nlp.spans import tokens_range
    from tests.nlp.parses import closing_said_with_appositive_source

    doc = closing_said_with_appositive_source()
    source = _preposed_source(doc[12])
    assert source is not None and [t.text for t in source] == ["Norway", "’s", "foreign", "ministry"]
    content = cut_before(doc.text, [(0, doc[10].idx + len("ministry"))], tokens_range(source))
    assert [doc.text[s:e] for s, e in content] == ["A sailor was freed in May"]
    # a verb with a subject of its own has none
    assert _preposed_source(doc[3]) is None


@pytest.mark.parametrize("recipient", [True, False])
def test_a_closing_told_keeps_its_recipient_and_reports_the_clause_before(
        recipient: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # "…, the minister told a panel." hung on the clause as a conjunct: the one told
    # does not stop "told" closing the sentence as a report of the clause before
    from sourcetrace.nlp.cues import find_candidates
    from sourcetrace.nlp.lexicon import load_lexicon
    from tests.nlp.parses import closing_told_with_recipient

    monkeypatch.setattr("sourcetrace.nlp.cues.TAIL_RECIPIENT", recipient)
    doc = closing_told_with_recipient()
    told = {doc.text[s:e] for c in find_candidates(doc, [], load_lexicon("en")) if c.cue_range == (doc[8].idx, doc[8].idx + 4)
            for s, e in c.content}
    assert told == ({"The plan buys two ferries"} if recipient else set())


def test_a_closing_said_parsed_as_a_conjunct_takes_the_clause_before() -> None:
    # "A sailor died in May, the minister has said." with "said" hung on "died" as a
    # conjunct and no complement of its own
    from spacy.tokens import Doc

    from sourcetrace.nlp.cues import _clause_before
    from sourcetrace.nlp.pipeline import load_pipeline

    words = ["A", "sailor", "died", "in", "May", ",", "the", "minister", "has", "said", "."]
    heads = [1, 2, 2, 2, 3, 4, 7, 9, 9, 2, 2]
    deps = ["det", "nsubj", "ROOT", "prep", "pobj", "punct", "det", "nsubj", "aux", "conj", "punct"]
    tags = ["DT", "NN", "VBD", "IN", "NNP", ",", "DT", "NN", "VBZ", "VBN", "."]
    pos = ["DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    doc = Doc(load_pipeline("en", "rules").vocab, words=words, heads=heads, deps=deps, tags=tags,
              pos=pos, sent_starts=[True] + [False] * 10)
    assert [t.text for t in _clause_before(doc[9])] == ["A", "sailor", "died", "in", "May"]
    assert _clause_before(doc[2]) == []  # not at the sentence's end


@pytest.mark.parametrize("end", ["", "."])
def test_a_headline_closed_by_its_source_is_an_attribution(end: str) -> None:
    # the parse hangs "Army accused of …" on "says" as a second subject, and a headline
    # has no full stop: its line break must not stop the clause before the comma
    text = f"Valdoran army accused of press-ganging dock workers, union says{end}\n\nThe strike went on."
    a = only(sourcetrace.extract(text), "says")
    assert a.source is not None and a.source.text == "union"
    assert [c.text for c in a.content] == ["Valdoran army accused of press-ganging dock workers"]


def test_the_authors_framing_after_a_parataxis_cue_is_no_content() -> None:
    # parsed with "said" as a parataxis of the dateline and "a claim …" as its apposition
    text = ("Valdoran army accused of press-ganging dock workers, union says\n\nPORT ELLAN — The "
            "Valdoran army has forced at least forty dock workers into uniform since March, the "
            "Ellan Dockers' Union said on Tuesday, a claim the defence ministry flatly denied.")
    r = sourcetrace.extract(text)
    said = next(a for a in r.attributions if a.cue.text.startswith("said"))
    assert [c.text for c in said.content] == [
        "The Valdoran army has forced at least forty dock workers into uniform since March"]
    denied = only(r, "flatly denied")
    assert [c.text for c in denied.content] == ["a claim"] and denied.parent is None


@pytest.mark.parametrize(
    ("sentence", "cue", "channel"),
    [
        ("Petra Lusk said on Telegram that recruiters came at night.", "said", "Telegram"),
        ("Petra Lusk wrote on her Telegram channel that the raids went on.", "wrote", "Telegram"),
        ("In a video posted on YouTube, Mayor Olive Brandt said the pier would reopen.", "said", "YouTube"),
        ("Senator Tom Brill said on Truth Social that he would sue the paper.", "said", "Truth Social"),
        # a day is no platform
        ("Petra Lusk said on Tuesday that recruiters came at night.", "said", None),
    ],
)
def test_the_platform_a_statement_was_posted_on_is_its_channel(sentence: str, cue: str, channel: str | None) -> None:
    (a,) = [a for a in sourcetrace.extract(sentence).attributions if a.cue.text.split()[0] == cue]
    assert (a.channel.name if a.channel else None) == channel


def test_a_documents_author_keeps_the_description_set_beside_it() -> None:
    r = sourcetrace.extract("According to a report by the Nordic Monitor, a Stockholm-based watchdog, "
                            "similar raids took place in two ports. The watchdog said officers had "
                            "threatened families.")
    a = only(r, "said")
    assert a.source is not None and a.source.name == "Nordic Monitor"
    assert a.source.descriptor == "a Stockholm-based watchdog"


def test_a_participle_aside_the_parse_took_for_the_verb_leaves_the_source() -> None:
    a = only(sourcetrace.extract(
        'The post, shared more than 20,000 times on Facebook since Sunday, falsely claims that '
        'the town council voted to close the harbour to "all commercial vessels".'), "falsely claims")
    assert a.source is not None and a.source.text == "The post" and a.source.type == "document"
    assert a.cue.stance == "claim"


def test_a_cue_inside_a_quotation_keeps_its_content_inside_it() -> None:
    r = sourcetrace.extract('"I was told that if I did not sail, someone else would," Captain Ines '
                            'Varga said on Thursday.')
    told = only(r, "was told")
    assert [c.text for c in told.content] == ["that if I did not sail, someone else would"]
    assert told.parent is not None


def test_a_subject_inside_the_quotation_is_not_the_speaker() -> None:
    # parsed with "someone else" as a subject of "said"
    r = sourcetrace.extract('"I was told that if I did not sail, someone else would," Captain Ines '
                            'Varga said on Thursday.')
    (said,) = [a for a in r.attributions if a.cue.text.startswith("said")]
    assert said.source is not None and said.source.text == "Captain Ines Varga"


def test_a_name_after_a_things_noun_names_the_thing_not_the_role() -> None:
    a = only(sourcetrace.extract("The captain of the stranded ferry Saint Alba said the owners "
                                 "ignored the warnings."), "said")
    assert a.source is not None and a.source.name != "Saint Alba" and a.source.type == "anonymous"


def test_a_name_with_a_which_clause_is_no_person() -> None:
    a = only(sourcetrace.extract("Brightwater Ferries, which owns the Saint Alba, said it supports "
                                 "an inquiry."), "said")
    assert a.source is not None and a.source.type == "organization"


def test_an_according_to_relay_that_is_no_outlet_is_still_the_channel() -> None:
    a = only(sourcetrace.extract("Officials at the port authority believe the ferry should never "
                                 "have left the harbour, according to two people familiar with the "
                                 "inquiry."), "believe")
    assert a.channel is not None and a.channel.text == "two people familiar with the inquiry"
    assert [c.text for c in a.content] == ["the ferry should never have left the harbour"]


@pytest.mark.parametrize("sentence", [
    # a finding or an act is no statement passed on
    "They were tricked by promises of a job, only to find themselves at the front, according "
    "to investigators in New Delhi.",
    "Some migrants agree to serve at the front, according to two officials.",
    # a bare mass noun names no one in particular
    "Some migrants say they were tricked, according to intelligence.",
])
def test_an_according_to_source_that_passes_on_no_statement_is_no_channel(sentence: str) -> None:
    assert all(a.channel is None for a in sourcetrace.extract(sentence).attributions)


def test_who_interviewed_the_speaker_is_the_channel_even_if_unknown() -> None:
    a = only(sourcetrace.extract('"The owners ignored the warnings," Captain Ines Varga told El '
                                 'Faro de Ellan in an interview published on Thursday.'), "told")
    assert a.channel is not None and a.channel.name == "El Faro de Ellan"
    b = only(sourcetrace.extract("Captain Ines Varga told Tomas Brenn that the owners ignored the "
                                 "warnings."), "told")
    assert b.channel is None  # no interview: a person told is no channel


def test_an_outlets_own_sources_are_not_its_channel() -> None:
    a = only(sourcetrace.extract("Reuters reported that the pier was sold, according to two people "
                                 "familiar with the deal."), "reported")
    assert a.source is not None and a.source.name == "Reuters" and a.channel is None


def test_what_a_speaker_cites_is_not_a_channel() -> None:
    r = sourcetrace.extract("A company spokeswoman declined to comment further, citing the ongoing trial.")
    assert all(a.channel is None for a in r.attributions)


def test_an_as_clause_with_its_own_speaker_is_no_part_of_the_content() -> None:
    r = sourcetrace.extract("A former deputy harbour master pleaded not guilty on Monday to charges "
                            "that he took bribes from a shipping firm, as prosecutors alleged he had "
                            "pocketed more than 200,000 crowns.")
    alleged = only(r, "alleged")
    assert alleged.parent is None and alleged.source is not None and alleged.source.text == "prosecutors"
    assert all("as prosecutors" not in c.text for a in r.attributions for c in a.content)


def test_a_quotation_with_an_inner_quotation_in_the_same_marks_is_not_cut_short() -> None:
    # the straight marks pair wrongly ("… the "Harbour Guard"") and must not cut the content
    r = sourcetrace.extract('"They stress that they are not the "Harbour Guard", that they were '
                            'invited by the council," Usov said.')
    stress = only(r, "stress")
    assert stress.content[-1].text.endswith("invited by the council")


def test_a_document_leaked_to_an_outlet_is_not_the_outlets() -> None:
    a = only(sourcetrace.extract("The report, which was leaked to the Brightwater Gazette last week, "
                                 "warns that two supports are at risk."), "warns")
    assert a.source is not None and a.source.type == "document"


def test_a_councillors_title_is_no_part_of_the_name() -> None:
    a = only(sourcetrace.extract("Councillor Tom Brill said the pier was unsafe."), "said")
    assert a.source is not None and (a.source.name, a.source.descriptor) == ("Tom Brill", "Councillor")


def test_a_headlines_bare_noun_is_the_person_its_title_names_later() -> None:
    r = sourcetrace.extract("Brightwater mayor vows to reopen pier\n\nMayor Olive Brandt said on "
                            "Wednesday that the pier would reopen within weeks.")
    assert {a.source.name for a in r.attributions if a.source} == {"Olive Brandt"}


def test_a_part_of_a_group_is_named_by_the_group() -> None:
    r = sourcetrace.extract("Dozens of fishermen gathered at the pier on Monday. Most of them said the "
                            "levy had ruined their trade. Some of the fishermen said they would sell "
                            "their boats.")
    assert [a.source.name for a in r.attributions if a.source][1:] == ["fishermen"]
    r = sourcetrace.extract("All of the GOP candidates claim that they were misled by the ministry.")
    assert [a.source.name for a in r.attributions if a.source] == ["GOP candidates"]


def test_he_and_she_agree_with_what_the_article_says_of_gender() -> None:
    r = sourcetrace.extract("Ms. Brandt said the pier would reopen. Mr. Brenn disagreed with the plan. "
                            "She said the repairs were finished, and he said they were not.")
    assert [a.source.name for a in r.attributions if a.source] == ["Brandt", "Brandt", "Brenn"]
    # a descriptor says it too
    r = sourcetrace.extract("Olive Brandt, a spokeswoman for the port, said the pier would reopen. "
                            "Tomas Brenn, a father of three, disagreed. She said the repairs were finished.")
    assert [a.source.name for a in r.attributions if a.source] == ["Olive Brandt", "Olive Brandt"]


def test_a_hyphenated_descriptor_is_whole() -> None:
    # the parse splits "co-chair" into sibling appositions "co", "-", "chair"
    r = sourcetrace.extract("“The pier is sold,” said Ana Ruiz, a co-chair of the harbour caucus.")
    (a,) = r.attributions
    assert a.source is not None and a.source.descriptor == "a co-chair of the harbour caucus"


@pytest.mark.parametrize("cut", [True, False])
def test_as_first_reported_by_an_outlet(cut: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.cues.ACCORDING_CUT_AT_END", cut)
    r = sourcetrace.extract("As first reported by Radio Meridian, the recruiters visited at least four prisons in March.")
    found = [a for a in r.attributions if a.cue.text == "As first reported by"]
    assert bool(found) is cut
    if cut:
        (a,) = found
        assert a.source is not None and (a.source.name, a.source.type, a.source.descriptor) == ("Radio Meridian", "outlet", None)
        assert [c.text for c in a.content] == ["the recruiters visited at least four prisons in March"]


@pytest.mark.parametrize("aside", [True, False])
def test_speaker_after_the_cue_the_parse_gave_to_an_aside_is_the_source(
        aside: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # "Carlow, asked about …" is read by the parse as a clause ("Carlow asked about …")
    monkeypatch.setattr("sourcetrace.nlp.cues.POSTPOSED_ASIDE", aside)
    r = sourcetrace.extract('"I\'m not going to give up on this ferry, so forget about it," said retired '
                            "harbour pilot Ben Carlow, asked about his claims that he had received an "
                            "offer from the port authority.")
    said = only(r, "said")
    assert (said.source.text if said.source else None) == (
        "retired harbour pilot Ben Carlow" if aside else None)


@pytest.mark.parametrize("over", [True, False])
def test_a_transcript_turn_the_parse_ends_at_its_colon_takes_its_line(
        over: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.cues.COLON_OVER_SENTENCES", over)
    r = sourcetrace.extract("The mayor sat down with a radio host.\n\nKELL: You said in January that the "
                            "pier was safe.\n\nHOLM: The harbour board does not decide when we talk.")
    turns = {a.source.text: [c.text for c in a.content] for a in r.attributions
             if a.cue.text == ":" and a.source is not None}
    assert turns.get("KELL") == (["You said in January that the pier was safe"] if over else None)
    assert turns["HOLM"] == ["The harbour board does not decide when we talk"]


@pytest.mark.parametrize("below", [True, False])
def test_a_quotation_signed_on_the_line_below_is_the_signers(below: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.cues.BYLINE_BELOW", below)
    r = sourcetrace.extract('Here are the claims we checked this week.\n\n"The ferry levy has doubled in two '
                            'years and nobody on the board will admit it."\n\n- Oskar Holm.\n\nThe councillor '
                            "is relying on an outdated figure.")
    signed = [(a.source.text if a.source else None, a.cue.text) for a in r.attributions]
    assert (("Oskar Holm", "-") in signed) == below


@pytest.mark.parametrize("tail", [True, False])
def test_a_closing_report_parsed_as_an_adverbial_clause(tail: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.cues.TAIL_ADVCL", tail)
    text = ("Ferries leave late\n\nMay 4, 2031 1074\nFerries leave late\n\n"
            "Norland is hiring sailors from nearby ports, particularly from the south, for the new fleet, "
            "the Harbour Board reported. Sailors are promised high pay.")
    reported = [a for a in sourcetrace.extract(text).attributions if a.cue.text == "reported"]
    if tail:
        (a,) = reported
        assert a.source is not None and a.source.text == "the Harbour Board"
        assert [c.text for c in a.content][0].startswith("Norland is hiring sailors")
    else:
        assert reported == []


@pytest.mark.parametrize("control", [True, False])
def test_a_subjectless_gerund_takes_the_subject_of_the_verb_above(control: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.cues.GERUND_CONTROLLER", control)
    text = ("Varnow has offered few ideas for easing the debt aside from stating that the city "
            "shouldn't profit from such loans.")
    (stating,) = [a for a in sourcetrace.extract(text).attributions if a.cue.text == "stating"]
    assert (stating.source is not None and stating.source.text == "Varnow") is control
    assert [c.text for c in stating.content] == ["that the city shouldn't profit from such loans"]


@pytest.mark.parametrize("relative", [True, False])
@pytest.mark.parametrize("clause", [True, False])
def test_according_to_which_names_the_noun_before_and_reports_the_clause_after(
        relative: bool, clause: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sourcetrace.nlp.sources.RELATIVE_OBJECT", relative)
    monkeypatch.setattr("sourcetrace.nlp.cues.ACCORDING_RELATIVE", clause)
    text = "The Daily Planet has received information according to which the coast guard is detaining sailors."
    (a,) = sourcetrace.extract(text).attributions
    assert a.source is not None and a.source.name == ("information" if relative else "which")
    after = "the coast guard is detaining sailors"
    assert [c.text for c in a.content] == ([after] if clause else ["The Daily Planet has received information", after])

