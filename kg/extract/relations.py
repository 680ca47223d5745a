"""Relations between mentions: ``doc._.kg_relations`` and ``doc._.kg_people``.

- responsible agency of a plan, regulation or program: the agency is the subject (or the
  "by" agent) of a verb of issuing, launching, implementing, ... whose object is the
  policy ("MIIT issued the Plan", "the Regulations were issued by the State Council"),
  or the possessor ("EPA's PFAS Strategic Roadmap"), also through a relative clause ("the
  Mission, which is run by the Ministry") or an act noun ("DHS's implementation of the Order");
  the doer is the subject itself or an agency joined to it, not one in a phrase that only
  describes it ("CEQ, in consultation with NEDC, will issue"), nor the subject of a verb whose
  object does the act ("urged states to implement"); the possessor of a list's first name owns
  the list ("EPA's Drinking Water SRF, Clean Water SRF"), and the giver of money in, to or under
  a program runs it ("DOE established $9.5 billion in Clean Hydrogen Initiatives");
- part-of between plans ("action plans under the 14th Five-Year Plan") and
  implements between a program and a plan;
- amends / repeals between regulations;
- officials: a named person with a role ("spokesperson of the Ministry of ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from lemminflect import getAllLemmas
from spacy.tokens import Doc, Span, Token

from . import vocabulary
from .entities import mentions_between
from .facts import POLICY_TYPES
from .issuer import document_issuer, is_actor, mention_root, reporting_agency
from .lexicon import head_key, head_type
from .roles import ROLE, role_agency
from .text import BULLETS, doc_text, literal_alternation

__all__ = ["RelationMention", "PersonMention", "RelationExtractor", "RESPONSIBILITY_VERBS"]

RESPONSIBILITY_VERBS = vocabulary.words("verbs", uses="responsibility")


@dataclass(frozen=True)
class RelationMention:
    subject_key: str
    predicate: str
    object_key: str
    sentence: tuple[int, int]


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    name: str
    role: str
    agency_key: str | None
    sentence: tuple[int, int]


class RelationExtractor:
    """spaCy component: sets ``doc._.kg_relations``, ``doc._.kg_people``, ``doc._.kg_issuer`` (the
    agency the document speaks for) and ``doc._.kg_reporters`` (sentence start -> the agency that
    reported that sentence's numbers)."""

    def __init__(self, nlp, name: str = "kg_relations", role_window: int = 60):
        self.name = name
        self.role_window = role_window
        for ext, default in (
            ("kg_relations", []),
            ("kg_people", []),
            ("kg_issuer", None),
            ("kg_reporters", {}),
        ):
            if not Doc.has_extension(ext):
                Doc.set_extension(ext, default=default)

    def __call__(self, doc: Doc) -> Doc:
        mentions = getattr(doc._, "kg_mentions", [])
        people = self.officials(doc, mentions)
        issuer = document_issuer(doc, mentions, people)
        relations = []
        for sent in doc.sents:
            inside = mentions_between(mentions, sent.start_char, sent.end_char)
            relations += responsible_agencies(doc, sent, inside)
            relations += pronoun_agencies(doc, sent, inside, issuer)
            relations += issued_without_agent(doc, sent, inside, issuer)
            relations += back_referenced_agencies(doc, sent, inside, mentions, issuer)
            relations += policy_hierarchy(doc, sent, inside)
        relations += nested_plans(doc, mentions)
        doc._.kg_relations = list(dict.fromkeys(relations))
        doc._.kg_people = people
        doc._.kg_issuer = issuer
        doc._.kg_reporters = reporters(doc, mentions, people, issuer)
        return doc

    def officials(self, doc: Doc, mentions) -> list[PersonMention]:
        """Named people with a role next to their name, and the agency that role is held in."""
        found = []
        text = doc_text(doc)
        # (a person's name only: cutting every entity at a possessive cost most of the rule)
        for ent in (person_name(e) for e in doc.ents if e.label_ == "PERSON"):
            if len(ent) < 2 or any(t.pos_ == "PRON" for t in ent):
                continue
            sent = ent.sent
            after_start = ent.end_char
            before_start = max(sent.start_char, ent.start_char - self.role_window // 2)
            role = (
                ROLE.search(text, after_start, after_start + self.role_window)
                if text[after_start : after_start + self.role_window].lstrip().startswith(",")
                else None
            )
            role = role or ROLE.search(text, before_start, ent.start_char)
            if role is None:
                continue
            agencies = [
                m
                for m in mentions_between(mentions, sent.start_char, sent.end_char)
                if m.type == "Agency"
            ]
            found.append(
                PersonMention(
                    ent.start_char,
                    ent.end_char,
                    ent.text,
                    role["role"].lower(),
                    role_agency(text, role, agencies),
                    (sent.start_char, sent.end_char),
                )
            )
        return found


def person_name(ent: Span) -> Span:
    """A person entity up to a possessive or a headline's verb: "Biden's" is the name "Biden",
    "Trump's Executive Order" is no person, "Donald J. Trump Launches" is "Donald J. Trump"."""
    end = next(
        (t.i for t in ent if is_possessive(t) or is_headline_verb(t, t.i - ent.start)), ent.end
    )
    return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)


HEADLINE_VERBS = vocabulary.words("verbs", uses="headline")


def is_headline_verb(token: Token, position: int) -> bool:
    """A listed headline verb, or after two words of a name a capitalised verb in -s before
    another capitalised word ("Donald J. Trump Promotes Efficiency"): a verb form in
    lemminflect's dictionary, which surnames ("Jones", "Evans") are not."""
    word = token.lower_
    if word in HEADLINE_VERBS:
        return True
    return (
        position >= 2
        and word.endswith("s")
        and token.text[:1].isupper()
        and token.i + 1 < len(token.doc)
        and token.nbor(1).text[:1].isupper()
        and "VERB" in getAllLemmas(word)
    )


def is_possessive(token: Token) -> bool:
    """The clitic "'s" ("’s" normalises to it), whether the tagger read it as possessive or
    as "is"."""
    return token.tag_ == "POS" or token.norm_ == "'s"


def responsible_agencies(doc: Doc, sent: Span, mentions) -> list[RelationMention]:
    agencies = [m for m in mentions if m.type == "Agency"]
    policies = [m for m in mentions if m.type in POLICY_TYPES]
    found = []
    for policy in policies:
        for agency in agencies:
            if agency.key != policy.key and is_responsible(doc, agency, policy):
                found.append(relation(policy, "responsibleAgency", agency.ident, sent))
    return found


def relation(subject, predicate: str, object_ident: str, sent: Span) -> RelationMention:
    return RelationMention(subject.ident, predicate, object_ident, (sent.start_char, sent.end_char))


def is_responsible(doc: Doc, agency, policy) -> bool:
    if agency.start == policy.start and agency.end < policy.end:
        return True  # "USDA Community Eligibility Provision": named after the agency running it
    if agency.end <= policy.start and POSSESSIVE.fullmatch(
        doc_text(doc)[agency.end : policy.start]
    ):
        return True  # "EPA's PFAS Roadmap", "the Environmental Protection Agency's (EPA) Standards"
    if is_possessed_list_item(doc, agency, policy):
        return True  # "DOE's Transmission Reliability Program and Energy Storage Program"
    if policy.end <= agency.start and (
        OWNER.fullmatch(doc_text(doc)[policy.end : agency.start])
        or is_passive_aside(doc, policy, agency)
    ):
        return True  # "Beti Bachao Beti Padhao movement of Government of India", "(run by DWP)"
    if agency.end <= policy.start and is_short_clause(doc, agency, policy):
        return True  # "EPA Issues Final Rule": a headline the parser misreads
    a, p = mention_root(doc, agency), mention_root(doc, policy)
    if a is None or p is None:
        return False
    if (
        is_subject_of_controlling_verb(a, p)
        or acts_under(a, p)
        or in_relative_clause(a, p)
        or does_act_on(a, p)
        or possesses_apposition(a, p)
        or acts_on_in_own_words(a, p)
        or policy.type == "Program"
        and gives_money_to(doc, a, policy)
    ):
        return True
    verb = lowest_common_verb(a, p)
    if verb is None or verb.lemma_.lower() not in RESPONSIBILITY_VERBS:
        return False
    agency_role = role_in(a, verb)
    policy_role = role_in(p, verb) if is_argument_of(p, verb) else None
    # "MIIT issued the Plan", "the Plan was issued by MIIT", "the Plan, launched by MIIT"
    return (agency_role in {"subject", "agent"} and policy_role in {"object", "passive"}) or (
        agency_role == "agent" and policy_role == "subject"
    )


def cue_words(use: str) -> str:
    return literal_alternation(vocabulary.words("common_words", uses=use))


POSSESSIVE = re.compile(r"\s*['’]s\s+(?:\([^()\s]{1,15}\)\s+)?(?:new\s+|\w+\s+)?")
OWNER = re.compile(
    rf"\s+(?:[a-z]+\s+)?(?:{cue_words('owner')})\s+(?:the\s+)?"
)  # "... movement of the Government"
PASSIVE_ASIDE = re.compile(
    rf"\s*[,(]\s*(?:\w+ly\s+)?(?P<verb>\w+)\s+(?:\w+ly\s+)?(?:{cue_words('agent')})\s+(?:the\s+)?",
    re.IGNORECASE,
)
MAX_CLAUSE_TOKENS = 6
AUXILIARY_POS = {"AUX", "ADV", "PART"}
DETERMINER_POS = {"DET", "ADJ", "NUM", "ADV"}


def is_possessed_list_item(doc: Doc, agency, policy) -> bool:
    """A later item of a list of names whose first item the agency possesses: "EPA's Drinking
    Water SRF, Clean Water SRF, and Water Reuse". Read from the words between the names, as the
    parser often reads the first name as a modifier of the last."""
    if has_owner_after(doc, policy):
        return False  # "EPA's Plan and the Program of DOE"
    text = doc_text(doc)
    before = sorted(
        (m for m in doc._.kg_mentions if m.type in POLICY_TYPES and agency.end <= m.end),
        key=lambda m: m.start,
    )
    item = policy
    for previous in reversed([m for m in before if m.end <= policy.start]):
        if not LIST_GAP.fullmatch(text[previous.end : item.start]):
            return False
        if POSSESSIVE.fullmatch(text[agency.end : previous.start]):
            return True
        item = previous
    return False


def has_owner_after(doc: Doc, policy) -> bool:
    """An agency the policy is "of" right after it: "the Energy Program of EPA". (Matched in
    place: a slice up to every later agency of a long document would copy most of its text.)"""
    text = doc_text(doc)
    return any(
        OWNER.fullmatch(text, policy.end, m.start)
        for m in doc._.kg_mentions
        if m.type == "Agency" and policy.end <= m.start
    )


LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:and|or)\s+)?(?:the\s+)?", re.IGNORECASE)


MONEY_USE = vocabulary.words("common_words", uses="money-use")
GIVING_VERBS = RESPONSIBILITY_VERBS | vocabulary.words("verbs", uses="funding")


def gives_money_to(doc: Doc, agency: Token, program) -> bool:
    """ "DOE established $9.5 billion in Clean Hydrogen Initiatives", "EPA announced $106 million
    going to the Long Island Sound Study Program": the subject of a verb of giving or announcing
    whose object is an amount of money runs the program the amount goes in, to, for or under.
    Read from the words after the amount, as the parser hangs such phrases anywhere in the clause;
    a law or plan the money comes under is where it comes from, not what the giver runs."""
    root = mention_root(doc, program)
    verb = governing_verb(agency)
    if root is None or verb is None or role_in(agency, verb) != "subject":
        return False
    if verb_lemmas(verb).isdisjoint(GIVING_VERBS) or root not in verb.subtree:
        return False
    money = [c for c in verb.children if c.dep_ == "dobj" and c.ent_type_ == "MONEY"]
    return bool(money) and money[0].i < root.i and preposition_before(doc, program) in MONEY_USE


def preposition_before(doc: Doc, mention) -> str | None:
    """The preposition right before a name, over its determiners and describing words."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    for token in reversed(doc[span.sent.start : span.start] if span is not None else []):
        if token.pos_ == "ADP":
            return token.lower_
        if token.pos_ not in DETERMINER_POS | {"SYM", "PUNCT"}:
            return None
    return None


def is_passive_aside(doc: Doc, policy, agency) -> bool:
    """ "Universal Credit (administered by DWP)", "the Act, enforced by EPA,": a participle of
    responsibility with its "by" agent right after the policy."""
    match = PASSIVE_ASIDE.fullmatch(doc_text(doc)[policy.end : agency.start])
    if match is None:
        return False
    verb = doc.char_span(policy.end + match.start("verb"), policy.end + match.end("verb"))
    return verb is not None and bool(verb_lemmas(verb[0]) & RESPONSIBILITY_VERBS)


def is_short_clause(doc: Doc, agency, policy) -> bool:
    """Agency, auxiliaries, one verb of responsibility, determiners, policy: "EPA Issues Final
    Rule", "the Ministry has issued advisory". Read from the words, as title-case headlines and
    run-on header lines are parsed as one long name."""
    gap = doc.char_span(agency.end, policy.start, alignment_mode="contract")
    if gap is None:
        return False
    words = [t for t in gap if not t.is_space and t.text not in {")", ","}]
    verbs = [i for i, t in enumerate(words) if verb_lemmas(t) & RESPONSIBILITY_VERBS]
    if (
        len(verbs) != 1
        or len(words) > MAX_CLAUSE_TOKENS
        or gap.text.count(",") > 1
        or "\n" in gap.text
    ):
        return False
    before, after = words[: verbs[0]], words[verbs[0] + 1 :]
    return all(t.pos_ in AUXILIARY_POS for t in before) and all(
        t.pos_ in DETERMINER_POS for t in after
    )


def verb_lemmas(token: Token) -> set[str]:
    """A word's lemma, and for a capitalised headline verb the spaCy tagger may read as a name
    ("Issues", "Launches") the word less its third-person ending."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    if lower.endswith("s"):
        forms |= {lower[:-1], lower[:-2]}
    return forms


def pronoun_agencies(doc: Doc, sent: Span, mentions, issuer: str | None) -> list[RelationMention]:
    """ "Through its Superfund Research Program, NIEHS is funding ...": "its" is the clause's
    agency; "our Programme", "we launched the Plan": the document's issuer."""
    found = []
    for policy in (m for m in mentions if m.type in POLICY_TYPES):
        previous = (
            doc_text(doc)[max(sent.start_char, policy.start - 8) : policy.start].lower().split()
        )
        word = previous[-1] if previous else ""
        if word in vocabulary.words("common_words", uses="clause-possessive"):
            agency = clause_agency(doc, sent, mentions, policy)
        elif issuer and (
            word in vocabulary.words("common_words", uses="issuer-pronoun")
            or has_issuer_subject(doc, policy)
        ):
            agency = issuer
        else:
            agency = pronoun_subject_agency(doc, sent, mentions, policy)
        if agency:
            found.append(relation(policy, "responsibleAgency", agency, sent))
    return found


def back_referenced_agencies(
    doc: Doc, sent: Span, inside, mentions, issuer: str | None
) -> list[RelationMention]:
    """ "The Home Ministry informed ... The Ministry has issued an addendum to the guidelines":
    "the Ministry", the subject or "by" agent of a verb of responsibility whose object is the
    policy, is the agency of that kind named last before it in the paragraph, else the issuer if
    it is of that kind ("the Administration" of a White House release). The recogniser links
    "the Ministry" only in a document that names one ministry."""
    found = []
    for policy in (m for m in inside if m.type in POLICY_TYPES):
        root = mention_root(doc, policy)
        verb = governing_verb(root)
        if verb is None or not verb_lemmas(verb) & RESPONSIBILITY_VERBS:
            continue
        for word in bare_agency_references(verb, role_in(root, verb), mentions):
            agency = referred_agency(doc, mentions, word, issuer)
            if agency is not None:
                found.append(relation(policy, "responsibleAgency", agency, sent))
    return found


def bare_agency_references(verb: Token, policy_role: str | None, mentions) -> list[Token]:
    """The doer of ``verb``, if it is "the" and an agency's head noun outside any name."""
    if policy_role == "object":
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
    elif policy_role == "passive":
        doers = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    else:
        return []
    return [
        t
        for t in doers
        if head_type(t.text) == "Agency"
        and [c.lower_ for c in t.children] == ["the"]
        and not mentions_between(mentions, t.idx, t.idx + len(t.text))
    ]


def referred_agency(doc: Doc, mentions, word: Token, issuer: str | None) -> str | None:
    """The agency whose name begins or ends with ``word``'s noun named last in its paragraph
    (farther back, "the Administration" of a fact sheet is not the Food and Drug Administration
    named three paragraphs above), else the issuer if its name does."""
    noun = head_key(word.text)
    paragraph_start = doc_text(doc).rfind("\n", 0, word.idx) + 1
    headed = [m for m in mentions if m.type == "Agency" and is_headed_by(m.name, noun)]
    before = [m for m in headed if paragraph_start <= m.start and m.end <= word.idx]
    if before:
        return before[-1].ident
    return issuer if any(m.ident == issuer for m in headed) else None


def is_headed_by(name: str, noun: str) -> bool:
    words = name.split()
    return noun in {head_key(words[0]), head_key(words[-1])}


def pronoun_subject_agency(doc: Doc, sent: Span, mentions, policy) -> str | None:
    """ "... the requirements mandated by Congress when it created the CAFE program": the "it"
    or "they" subject of a verb of responsibility whose object is the policy stands for the
    agency named last before it in the sentence."""
    root = mention_root(doc, policy)
    verb = governing_verb(root)
    if (
        verb is None
        or not verb_lemmas(verb) & RESPONSIBILITY_VERBS
        or role_in(root, verb) != ("object")
    ):
        return None
    pronouns = vocabulary.words("common_words", uses="agency-pronoun")
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in pronouns), None)
    if subject is None:
        return None
    before = [
        m
        for m in mentions
        if m.type == "Agency" and sent.start_char <= m.start and m.end <= subject.idx
    ]
    return before[-1].ident if before else None


def clause_agency(doc: Doc, sent: Span, mentions, policy) -> str | None:
    """The agency that is the subject of the clause the policy is in, else, in a list item,
    the acting agency of the line that introduces the list ("In particular, FEMA is announcing
    the following:" ... "- $3.46 billion for its Hazard Mitigation Grant Program")."""
    agencies = [m for m in mentions if m.type == "Agency"]
    verb = governing_verb(mention_root(doc, policy))
    if verb is not None:
        for agency in agencies:
            root = mention_root(doc, agency)
            if root is not None and any(
                root in c.subtree for c in verb.children if c.dep_ == "nsubj"
            ):
                return agency.ident
    return list_intro_agency(doc, policy.start)


def list_intro_agency(doc: Doc, position: int) -> str | None:
    """The acting agency of the line ending in ":" above the list item at ``position``."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, position) + 1
    if text[line_start:position].lstrip()[:1] not in BULLETS:
        return None
    line = ""  # a list item on the first line has no line above it
    while line_start > 0:
        line_end = line_start - 1
        line_start = text.rfind("\n", 0, line_end) + 1
        line = text[line_start:line_end].strip()
        if line and line[0] not in BULLETS and not line.startswith("<"):
            break
    if not line.endswith(":"):
        return None
    actors = [
        m
        for m in mentions_between(doc._.kg_mentions, line_start, line_end)
        if m.type == "Agency" and is_actor(mention_root(doc, m))
    ]
    return actors[-1].ident if actors else None


def governing_verb(token: Token | None) -> Token | None:
    while token is not None and token.pos_ not in {"VERB", "AUX"}:
        token = token.head if token.head != token else None
    return token


def has_issuer_subject(doc: Doc, policy) -> bool:
    """ "We have launched the Plan", "our city will start to implement the system": the subject
    (of the verb, or of the verb whose complement it is) is, or belongs to, a pronoun for the
    issuer."""
    root = mention_root(doc, policy)
    verb = governing_verb(root)
    if (
        verb is None
        or verb.lemma_.lower() not in RESPONSIBILITY_VERBS
        or role_in(root, verb) != "object"
    ):
        return False
    while verb.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head
    pronouns = vocabulary.words("common_words", uses="issuer-pronoun")
    return any(
        c.dep_ == "nsubj"
        and (
            c.lower_ in pronouns
            or any(g.dep_ == "poss" and g.lower_ in pronouns for g in c.children)
        )
        for c in verb.children
    )


def issued_without_agent(
    doc: Doc, sent: Span, mentions, issuer: str | None
) -> list[RelationMention]:
    """ "The Regulations have been issued", "- developing a Life Chances Strategy": a verb of
    responsibility with no agent is the doing of the agency that reports it ("The Health
    Ministry informed that an advisory has been issued") or, in a sentence naming no agency,
    of the document's issuer."""
    found = []
    names_agency = any(m.type == "Agency" for m in mentions)
    for policy in (m for m in mentions if m.type in POLICY_TYPES):
        verb = direct_verb(mention_root(doc, policy))
        if verb is None or verb.lemma_.lower() not in RESPONSIBILITY_VERBS:
            verb = verb_of_doerless_act(mention_root(doc, policy))
        if verb is None:
            continue
        top = agentless_clause(verb)
        agency = reporter_of(doc, top, mentions) if top is not None else None
        agency = agency or (issuer if top is not None and not names_agency else None)
        if agency:
            found.append(relation(policy, "responsibleAgency", agency, sent))
    return found


def agentless_clause(verb: Token) -> Token | None:
    """The head of the clause of ``verb`` if neither has a subject nor a "by" agent (a passive
    without agent, an imperative, a heading's gerund: "Organize and carry out special actions");
    None for a clause that borrows the subject of the verb it serves ("urged departments to
    implement the Policies") or a participle that modifies a name ("the Act, passed in 1970")."""
    while True:
        if any(c.dep_ in {"nsubj", "agent", "csubj", "expl"} for c in verb.children):
            return None
        if (
            not (verb.dep_ == "conj" or is_participle_aside(verb))
            or verb.head == verb
            or opens_list_item(verb)
        ):
            break
        verb = verb.head
    # a headline's "Rs 812 crore approved under the Mission" modifies the sentence's root noun
    if (
        opens_list_item(verb)
        or verb.dep_ in {"ROOT", "ccomp", "parataxis"}
        or verb.dep_ == "acl"
        and verb.head.dep_ == "ROOT"
    ):
        return verb
    return None


def is_participle_aside(verb: Token) -> bool:
    """ "putting the system on a fair basis, giving people confidence": a participle clause
    without a subject or a conjunction of its own has the doer of the clause it follows."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and not any(c.dep_ == "mark" for c in verb.children)
    )


ACT_NOUNS = frozenset(noun for noun in vocabulary.column("verbs", "nominal").values() if noun)


def act_noun(policy: Token | None) -> Token | None:
    """The noun of an act of responsibility whose "of" the policy (or a list it is in) is:
    "the introduction of the new State Pension", "the launch of A and B"."""
    while policy is not None and policy.dep_ == "conj" and policy.head != policy:
        policy = policy.head
    if policy is None or policy.dep_ != "pobj" or policy.head.lower_ != "of":
        return None
    noun = policy.head.head
    acts = [noun, *(c for c in noun.children if c.dep_ == "conj")]  # "design and implementation"
    is_act = any(t.lower_ in ACT_NOUNS for t in acts)
    return noun if is_act and noun.pos_ == "NOUN" else None


def act_doers(act: Token) -> list[Token]:
    """Who does the act a noun names: its possessor ("EPA's launch of") or its "by" agent."""
    return [c for c in act.children if c.dep_ == "poss"] + [
        g for c in act.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children
    ]


def verb_of_doerless_act(policy: Token | None) -> Token | None:
    """The verb of the clause holding an act on the policy that names no doer ("giving people
    confidence through the introduction of the new State Pension"): that clause's doer did it."""
    act = act_noun(policy)
    if act is None or act_doers(act) or is_purpose(act):
        return None
    return governing_verb(act)


def is_purpose(noun: Token) -> bool:
    """ "A roadmap is prepared for the effective implementation of the Plan": an act the clause
    serves, not one it does."""
    return noun.dep_ == "pobj" and noun.head.lower_ in vocabulary.words(
        "common_words", uses="purpose"
    )


def does_act_on(agency: Token, policy: Token) -> bool:
    """ "the introduction of the new State Pension by DWP", "EPA's launch of the Program"."""
    act = act_noun(policy)
    while agency.dep_ in {"conj", "appos"} and agency.head != agency:
        agency = agency.head
    return act is not None and agency in act_doers(act)


def opens_list_item(verb: Token) -> bool:
    """ "- introducing a new Work and Health programme from 2017, which ...": a plan's list
    item that begins with a gerund says what its author will do, however the parser hangs the
    rest of the line on it."""
    doc, bullet = verb.doc, verb.i - 1
    return (
        verb.tag_ == "VBG"
        and bullet >= 0
        and doc[bullet].text in BULLETS
        and (bullet == 0 or "\n" in doc[bullet - 1].text)
    )


def reporter_of(doc: Doc, clause: Token, mentions) -> str | None:
    """The agency that is the subject of the verb of saying a reported clause hangs from."""
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in vocabulary.words(
        "verbs", uses="report"
    ):
        return None
    subjects = [c for c in clause.head.children if c.dep_ == "nsubj"]
    for agency in (m for m in mentions if m.type == "Agency"):
        root = mention_root(doc, agency)
        if root is not None and any(root in s.subtree for s in subjects):
            return agency.ident
    return None


def direct_verb(token: Token | None) -> Token | None:
    """The verb whose direct object or passive subject ``token`` is (or an item of a list that
    is): "issued the Plan", "the Plan was issued", not "prepared for implementing the Plan"."""
    while token is not None and token.dep_ in {"conj", "appos"} and token.head != token:
        token = token.head
    if (
        token is not None
        and token.dep_ == "pobj"
        and token.head.lower_ in UNDER_WORDS
        and token.head.head.lemma_.lower() in vocabulary.words("verbs", uses="funding")
    ):
        return (
            token.head.head
        )  # "Rs 812 crore approved under the Mission": money given under a scheme
    if token is None or token.dep_ not in {"dobj", "nsubjpass"}:
        return None
    return token.head


def is_subject_of_controlling_verb(agency: Token, policy: Token, max_steps: int = 3) -> bool:
    """ "EPA is working to release the Standard", "To implement the Mission, the PHE Department
    will play a key role": the verb of responsibility has no subject of its own, and the
    agency is the subject of the clause it serves."""
    verb = policy.head
    while (
        verb.pos_ not in {"VERB", "AUX"}
        and verb.head != verb
        and verb.dep_ in {"prep", "pobj", "compound", "conj", "appos"}
    ):
        verb = verb.head
    if (
        verb.lemma_.lower() not in RESPONSIBILITY_VERBS
        or role_in(policy, verb) != "object"
        or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    ):
        return False
    for _ in range(max_steps):
        if verb.dep_ == "pcomp" and verb.head.lower_ in MEANS_WORDS:
            verb = verb.head  # "took a step by finalizing the Rule": the step's taker finalized it
        if verb.dep_ not in {"xcomp", "advcl", "conj", "prep"} or verb.head == verb:
            return False
        purpose = verb.dep_ == "advcl" and verb.i < verb.head.i
        complement = verb.dep_ != "conj"
        verb = verb.head
        if complement and is_controlled_by_object(verb):
            return False
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and purpose:
            subjects = coordinated_subjects(verb)
        if subjects:
            return any(agency in s.subtree for s in subjects)
    return False


MEANS_WORDS = vocabulary.words("common_words", uses="means")
OBJECT_CONTROL_VERBS = vocabulary.words("verbs", uses="object-control")


def is_controlled_by_object(verb: Token) -> bool:
    """ "urged states to implement the Plan", "awarded $1 million to the Commission to help
    create a plan": the object or the "to" recipient does what the clause says, not the
    subject."""
    return verb.lemma_.lower() in OBJECT_CONTROL_VERBS and any(
        c.dep_ in {"dobj", "dative"} or c.dep_ == "prep" and c.lower_ == "to" for c in verb.children
    )


def coordinated_subjects(verb: Token) -> list[Token]:
    """The subjects of the clauses coordinated with a clause that has none of its own: a purpose
    that opens the sentence serves them all ("To implement the Mission, arrangements have been
    made and the State's PHE Department is to play a critical role")."""
    return [s for c in verb.children if c.dep_ == "conj" for s in c.children if s.dep_ == "nsubj"]


RELATIVE_PRONOUN_TAGS = {"WDT", "WP"}


def in_relative_clause(agency: Token, policy: Token) -> bool:
    """ "the Mission, which is run by the Ministry", "the Plan that the Ministry issued", "the
    Ministry, which runs the Mission": a relative clause of responsibility on one of the two names
    the other as its agent (on the policy) or as its object (on the agency)."""
    for verb in (c for c in policy.children if c.dep_ == "relcl"):
        if verb_lemmas(verb) & RESPONSIBILITY_VERBS and role_in(agency, verb) in {
            "subject",
            "agent",
        }:
            return True
    for verb in (c for c in agency.children if c.dep_ == "relcl"):
        if (
            verb_lemmas(verb) & RESPONSIBILITY_VERBS
            and any(c.dep_ == "nsubj" and c.tag_ in RELATIVE_PRONOUN_TAGS for c in verb.children)
            and role_in(policy, verb) == "object"
            and is_argument_of(policy, verb)
        ):
            return True
    return False


def acts_on_in_own_words(agency: Token, policy: Token) -> bool:
    """ "DOE released a notice on the implementation of the Civil Nuclear Credit Program", "NTIA
    published a request for comment seeking input on the design and implementation of the
    Program": an act on the policy that names no doer, inside what the agency issues, is the
    agency's own (a participle that describes that object is read through)."""
    act = act_noun(policy)
    if act is None or act_doers(act) or is_purpose(act):
        return False
    verb = governing_verb(act)
    while verb is not None and verb.dep_ == "acl" and verb.head != verb:
        verb = governing_verb(verb.head)
    return (
        verb is not None
        and bool(verb_lemmas(verb) & RESPONSIBILITY_VERBS)
        and role_in(agency, verb) == "subject"
    )


def possesses_apposition(agency: Token, policy: Token) -> bool:
    """ "through Operation Southbound, ATF's enforcement strategy": the policy and a noun the
    agency possesses, set off by a comma, name one thing (not a bracketed short form the parser
    hangs as an apposition: "the Biden Administration's ... Fuel Economy (CAFE) standards")."""
    nouns = [c for c in policy.children if c.dep_ == "appos"]
    if policy.dep_ == "appos":
        nouns.append(policy.head)
    possessor = agency.dep_ == "poss" or any(
        c.dep_ == "case" and is_possessive(c) for c in agency.children
    )  # "ATF's" parsed as a modifier with its clitic
    return (
        possessor
        and agency.head in nouns
        and any(
            t.text == "," for t in policy.doc[min(policy.i, agency.i) : max(policy.i, agency.i)]
        )
    )


def acts_under(agency: Token, policy: Token) -> bool:
    """ "The Ministry constructed toilets in schools under the Swachh Vidyalaya initiative": the
    subject of what is done under a policy carries it out, whatever the verb."""
    preposition = policy.head
    if policy.dep_ != "pobj" or not preposition_words(preposition) & UNDER_WORDS:
        return False
    verb = governing_verb(preposition)
    return verb is not None and role_in(agency, verb) == "subject"


def lowest_common_verb(a: Token, b: Token) -> Token | None:
    ancestors_a = [a, *a.ancestors]
    ancestors_b = {t.i for t in (b, *b.ancestors)}
    for token in ancestors_a:
        if token.i in ancestors_b and token.pos_ in {"VERB", "AUX"}:
            return token
    return None


# not ccomp, advcl: "announced that ... to pilot"
NESTED_CLAUSES = {"relcl", "acl", "pcomp", "csubj"}
ARGUMENT_PREPOSITIONS = vocabulary.words("common_words", uses="argument-prep")


def is_argument_of(token: Token, verb: Token) -> bool:
    """``token`` is what ``verb`` is about, not a name inside a clause or phrase that only
    describes something else: "households participating in the Program" and "funding streams
    from the Law" say nothing of who runs the Program or the Law; "approved under the Scheme",
    "announced that states will pilot the Platform" do."""
    while token != verb and token.head != token:
        if token.dep_ in NESTED_CLAUSES:
            return False
        if token.dep_ == "prep" and not preposition_words(token) & ARGUMENT_PREPOSITIONS:
            return False
        token = token.head
    return token == verb


def preposition_words(token: Token) -> set[str]:
    """A preposition alone and with the word before it ("such as")."""
    words = {token.lower_}
    if token.i > 0:
        words.add(f"{token.nbor(-1).lower_} {token.lower_}")
    return words


def role_in(token: Token, verb: Token) -> str | None:
    """How ``token`` hangs from ``verb``: subject, agent ("by X"), object, passive subject."""
    child, path = token, []
    while child.head != verb and child.head != child:
        path.append(child)
        child = child.head
    if child.head != verb:
        return None
    dep = child.dep_
    if dep == "nsubjpass":
        return "passive"
    doer = all(is_part_of_doer(t, child) for t in path)
    if dep == "nsubj":
        return "subject" if doer else None
    if (
        dep == "agent"
        or dep == "prep"
        and child.lower_ in vocabulary.words("common_words", uses="agent")
    ):
        return "agent" if doer else None
    if dep in {"dobj", "obj", "attr", "oprd", "xcomp", "ccomp", "prep", "npadvmod", "dative"}:
        return "object"
    return None


DOER_LINKS = vocabulary.words("common_words", uses="owner") | vocabulary.words(
    "common_words", uses="doer-link"
)


def is_part_of_doer(token: Token, argument: Token) -> bool:
    """``token`` names the doer ``argument`` is, or part of it (a list, "the Office of ...", "DOE,
    together with DOL,", "the Director at OMB"), not a phrase that only describes it ("CEQ, in
    consultation with NEDC and relevant agencies, will issue": NEDC advises)."""
    if token.dep_ != "pobj" or token.head == argument:
        return True
    return bool(preposition_words(token.head) & DOER_LINKS)


HIERARCHY = {
    ("Plan", "Plan"): "partOf",
    ("Program", "Plan"): "implements",
    ("Regulation", "Plan"): "implements",
}
UNDER_WORDS = vocabulary.words("common_words", uses="under")
UNDER = re.compile(rf"\b{literal_alternation(UNDER_WORDS)}\s+(?:the\s+)?$")


def policy_hierarchy(doc: Doc, sent: Span, mentions) -> list[RelationMention]:
    """Plans that are part of a plan, programs and regulations that implement one."""
    policies = sorted((m for m in mentions if m.type in POLICY_TYPES), key=lambda m: m.start)
    found = [
        relation(child, predicate, parent.ident, sent)
        for child, parent in placed_under(doc, sent, policies)
        + composed_of(doc, sent, policies)
        + implementing(doc, policies)
        if child.key != parent.key and (predicate := HIERARCHY.get((child.type, parent.type)))
    ]
    return found


def placed_under(doc: Doc, sent: Span, policies) -> list[tuple]:
    """ "A ... under (the) B", "A as part of B"."""
    pairs = []
    for child, parent in pairwise(policies):
        before = doc_text(doc)[max(sent.start_char, parent.start - 20) : parent.start]
        if UNDER.search(before):
            pairs.append((child, parent))
    return pairs


def composed_of(doc: Doc, sent: Span, policies) -> list[tuple]:
    """ "A, B and C together constitute the D system": each is part of D. With no plan after the
    verb ("X was issued and action plans A, B were launched, together constitute a policy
    system"), the first plan named is the one the others complete."""
    if len(policies) < 2:
        return []  # no pair to link (most sentences): the sentence's words are not read
    verbs = [
        t
        for t in sent
        if t.pos_ in {"VERB", "AUX"}
        and t.lemma_.lower() in vocabulary.words("verbs", uses="composition")
    ]
    if not verbs:
        return []
    cut = verbs[0].idx
    parts = [p for p in policies if p.end <= cut]
    wholes = [p for p in policies if p.start >= cut and p.type == "Plan"]
    if wholes:
        return [(part, wholes[0]) for part in parts]
    if len(parts) >= 3 and parts[0].type == "Plan":
        return [(part, parts[0]) for part in parts[1:]]
    return []


def implementing(doc: Doc, policies) -> list[tuple]:
    """ "The Department launched the Program to implement the Plan", "the Program implements the
    Plan": the policy that is the subject, or the object of the clause "to implement" serves."""
    pairs = []
    lemmas = vocabulary.words("verbs", uses="implementation")
    for plan in (p for p in policies if p.type == "Plan"):
        root = mention_root(doc, plan)
        verb = governing_verb(root)
        if verb is None or verb.lemma_.lower() not in lemmas or role_in(root, verb) != "object":
            continue
        for other in policies:
            if other is not plan and implementer_of(doc, other, verb):
                pairs.append((other, plan))
    return pairs


def implementer_of(doc: Doc, policy, verb: Token) -> bool:
    root = mention_root(doc, policy)
    if root is None:
        return False
    if role_in(root, verb) == "subject":
        return True
    served = verb.head if verb.dep_ in {"xcomp", "advcl", "acl", "relcl"} else None
    return served is not None and served != verb and role_in(root, served) in {"object", "passive"}


def nested_plans(doc: Doc, mentions) -> list[RelationMention]:
    """A plan named after another plan is part of it: "the 14th Five-Year Plan Information and
    Communication Industry Development Plan" is part of the 14th Five-Year Plan."""
    plans = {m.name.lower(): m for m in mentions if m.type == "Plan"}
    found = []
    for plan in (m for m in mentions if m.type == "Plan"):
        for name, parent in plans.items():
            if (
                parent.key != plan.key
                and len(name.split()) >= 2
                and plan.name.lower().startswith(name + " ")
                and not continues_name(plan.name[len(name) :])
            ):
                sent = doc.char_span(plan.start, plan.end, alignment_mode="expand").sent
                found.append(relation(plan, "partOf", parent.ident, sent))
    return found


def continues_name(rest: str) -> bool:
    """ "for Prosperity" after "Indo-Pacific Economic Framework": the words after a plan's name
    that begin with a preposition complete that name (a shorter mention cut before its
    complement), where a new name ("Information Industry Development Plan") names a part."""
    words = rest.split()
    return bool(words) and words[0].lower() in NAME_COMPLEMENT_PREPOSITIONS


NAME_COMPLEMENT_PREPOSITIONS = vocabulary.words("common_words", uses="head-link")


def reporters(doc: Doc, mentions, people, issuer: str | None) -> dict[int, str]:
    """Sentence start -> the agency that reported the numbers of that sentence."""
    found = {}
    for start, _ in {o.sentence for o in getattr(doc._, "kg_observations", [])}:
        sent = doc.char_span(start, start + 1, alignment_mode="expand")
        agency = (
            reporting_agency(doc, sent.sent, mentions, people, issuer)
            if sent is not None
            else issuer
        )
        if agency:
            found[start] = agency
    return found
