//! In-document coreference: names grouped into entities (full names, surnames, acronyms), then
//! descriptions ("the Kazakh president") and pronouns attached to the people they refer to.

use triangulate_model::{EntityKind, LocalEntity, Mention, MentionForm, Span};

use super::key::name_key;
use super::lexicon::{self, lower_in, LEADER_TITLES, PERSON_NOUNS};
use super::tokens::Token;
use super::Candidate;

struct Cluster {
    keys: Vec<String>,
    key: String,
    members: Vec<usize>,
}

/// Groups `cands` into entities and adds description and pronoun mentions.
pub(crate) fn resolve(
    text: &str,
    toks: &[Token],
    cands: Vec<Candidate>,
) -> (Vec<Mention>, Vec<LocalEntity>) {
    let (names, bare): (Vec<Candidate>, Vec<Candidate>) =
        cands.into_iter().partition(|c| !c.bare_role);
    let clusters = cluster_names(&names, toks);

    // Entities in order of first appearance.
    let mut order: Vec<usize> = (0..clusters.len()).collect();
    order.sort_by_key(|&c| {
        clusters[c]
            .members
            .iter()
            .map(|&m| names[m].span.start)
            .min()
    });
    let mut entities: Vec<LocalEntity> = Vec::with_capacity(order.len());
    let mut raw: Vec<Mention> = Vec::new();
    for &c in &order {
        let cluster = &clusters[c];
        let entity = entities.len();
        let kind = cluster_kind(&names, &cluster.members);
        let best = cluster
            .members
            .iter()
            .copied()
            .filter(|&m| !names[m].acronym)
            .max_by_key(|&m| (names[m].words.len(), std::cmp::Reverse(names[m].span.start)))
            .or_else(|| cluster.members.first().copied());
        let name = best
            .and_then(|m| names[m].span.slice(text))
            .unwrap_or_default()
            .to_string();
        entities.push(LocalEntity {
            name,
            kind,
            roles: Vec::new(),
            mentions: Vec::new(),
        });
        for &m in &cluster.members {
            let cand = &names[m];
            raw.push(Mention {
                span: cand.span,
                text: cand.span.slice(text).unwrap_or_default().to_string(),
                kind,
                form: if cand.acronym {
                    MentionForm::Acronym
                } else {
                    MentionForm::Name
                },
                entity,
                role: cand.role.clone(),
            });
        }
    }
    raw.sort_by_key(|m| m.span.start);

    let descriptions = descriptions(text, toks, &bare, &raw, &entities);
    let organisations = organisation_descriptions(text, toks, &raw, &entities);
    raw.extend(descriptions);
    raw.extend(organisations);
    raw.sort_by_key(|m| m.span.start);
    let pronouns = pronouns(text, toks, &raw, &entities);
    raw.extend(pronouns);
    raw.sort_by_key(|m| m.span.start);

    for (i, m) in raw.iter().enumerate() {
        let entity = &mut entities[m.entity];
        entity.mentions.push(i);
        if let Some(role) = &m.role {
            if !entity.roles.contains(role) {
                entity.roles.push(role.clone());
            }
        }
    }
    (raw, entities)
}

fn compatible(a: EntityKind, a_sure: bool, b: EntityKind, b_sure: bool) -> bool {
    a == b || !a_sure || !b_sure
}

/// Name clusters: longest names first, so that a surname finds the full name it shortens
/// wherever in the article the full name stands.
fn cluster_names(names: &[Candidate], toks: &[Token]) -> Vec<Cluster> {
    let headline = toks
        .iter()
        .rev()
        .find(|t| t.sentence == 0)
        .is_some_and(|t| t.text != ".");
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| {
        (
            names[i].acronym,
            std::cmp::Reverse(names[i].words.len()),
            names[i].span.start,
        )
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut cluster_of: Vec<Option<usize>> = vec![None; names.len()];
    for &i in &order {
        let cand = &names[i];
        let key = name_key(&cand.text);
        let keys: Vec<String> = key.split(' ').map(str::to_string).collect();
        let found = if cand.acronym {
            acronym_cluster(names, &clusters, &cluster_of, cand, &key)
        } else {
            same_key(names, &clusters, cand, &key)
                .or_else(|| shorter_form(names, &clusters, cand, &keys, headline))
        };
        match found {
            Some(c) => {
                clusters[c].members.push(i);
                cluster_of[i] = Some(c);
            }
            None => {
                cluster_of[i] = Some(clusters.len());
                clusters.push(Cluster {
                    keys,
                    key,
                    members: vec![i],
                });
            }
        }
    }
    clusters
}

fn lead_kind(names: &[Candidate], cluster: &Cluster) -> (EntityKind, bool) {
    let sure = cluster.members.iter().find(|&&m| names[m].sure);
    match sure {
        Some(&m) => (names[m].kind, true),
        None => (names[cluster.members[0]].kind, false),
    }
}

fn same_key(
    names: &[Candidate],
    clusters: &[Cluster],
    cand: &Candidate,
    key: &str,
) -> Option<usize> {
    clusters.iter().position(|c| {
        let (kind, sure) = lead_kind(names, c);
        c.key == key && compatible(kind, sure, cand.kind, cand.sure)
    })
}

/// A shorter form of a longer name in the article: a surname ("Tokayev" for "Kassym-Jomart
/// Tokayev"), or the leading words of an organisation ("Northrop" for "Northrop Grumman").
/// When several names fit, the one mentioned last before this mention wins.
fn shorter_form(
    names: &[Candidate],
    clusters: &[Cluster],
    cand: &Candidate,
    keys: &[String],
    headline: bool,
) -> Option<usize> {
    let mut best: Option<(usize, (usize, usize))> = None;
    for (ci, c) in clusters.iter().enumerate() {
        if c.keys.len() <= keys.len() {
            continue;
        }
        let (kind, _) = lead_kind(names, c);
        // A word known to be a place or a group never shortens a person's or firm's name.
        if cand.sure && cand.kind != kind {
            continue;
        }
        // "Mr. Trump" does not shorten "Melania Trump".
        let (mine, theirs) = (
            candidate_gender(cand),
            c.members
                .iter()
                .map(|&m| candidate_gender(&names[m]))
                .find(|&g| g != Gender::Unknown)
                .unwrap_or(Gender::Unknown),
        );
        if mine != Gender::Unknown && theirs != Gender::Unknown && mine != theirs {
            continue;
        }
        // A family name written first ("Moon Jae-in", "Xi Jinping") is what a title shortens
        // it to ("Mr. Moon", "President Xi"); without a title the first word may be a given
        // name, so it fits only behind one, and only where no surname fits.
        let surname = kind == EntityKind::Person && c.keys.ends_with(keys);
        let family_first = kind == EntityKind::Person
            && keys.len() == 1
            && cand.role.is_some()
            && c.keys.first() == keys.first();
        let fits = match kind {
            EntityKind::Person => surname || family_first,
            EntityKind::Organization => c.keys.starts_with(keys),
            _ => false,
        };
        if !fits {
            continue;
        }
        let rank = usize::from(surname || kind != EntityKind::Person);
        // A surname in the body before any full name that ends in it belongs to someone else:
        // news names a person in full first ("President Trump ... his wife, Melania Trump").
        // A headline (a first sentence without a final period) may shorten a full name the
        // lead gives at once.
        let full = c
            .members
            .iter()
            .filter(|&&m| names[m].words.len() > keys.len())
            .map(|&m| (names[m].span.start, names[m].sentence))
            .min();
        if let Some((start, sentence)) = full {
            let headline = cand.sentence == 0 && headline && sentence <= 3;
            if cand.span.start < start && !headline {
                continue;
            }
        }
        // Prefer the latest member before the mention; a full name written later counts too.
        let recency = c
            .members
            .iter()
            .map(|&m| names[m].span.start)
            .filter(|&s| s <= cand.span.start)
            .max()
            .map_or(0, |s| s + 1);
        if best.is_none_or(|(_, r)| (rank, recency) > r) {
            best = Some((ci, (rank, recency)));
        }
    }
    best.map(|(c, _)| c)
}

fn acronym_cluster(
    names: &[Candidate],
    clusters: &[Cluster],
    cluster_of: &[Option<usize>],
    cand: &Candidate,
    key: &str,
) -> Option<usize> {
    let letters: String = cand.text.chars().filter(|c| c.is_alphabetic()).collect();
    if let Some(def) = names
        .iter()
        .position(|n| n.defines.as_deref() == Some(cand.text.as_str()))
    {
        if let Some(c) = cluster_of[def] {
            return Some(c);
        }
    }
    if let Some(c) = clusters.iter().position(|c| c.key == key) {
        return Some(c);
    }
    clusters.iter().position(|c| {
        let first = &names[c.members[0]];
        let initials: String = first
            .words
            .iter()
            .filter(|w| !matches!(w.as_str(), "of" | "and" | "the" | "for" | "&"))
            .filter_map(|w| w.chars().next())
            .collect();
        first.words.len() >= 2 && initials == letters
    })
}

/// The kind most members vote for, the sure ones only where there are any; a tie goes to the
/// kind of the fullest name ("Tomas Vrana" over a bare "Vrana").
fn cluster_kind(names: &[Candidate], members: &[usize]) -> EntityKind {
    let mut votes: Vec<(EntityKind, usize, usize)> = Vec::new();
    let sure: Vec<usize> = members.iter().copied().filter(|&m| names[m].sure).collect();
    let pool = if sure.is_empty() { members } else { &sure[..] };
    for &m in pool {
        let words = names[m].words.len();
        match votes.iter_mut().find(|(k, _, _)| *k == names[m].kind) {
            Some((_, n, w)) => {
                *n += 1;
                *w = (*w).max(words);
            }
            None => votes.push((names[m].kind, 1, words)),
        }
    }
    votes
        .into_iter()
        .max_by_key(|&(_, n, w)| (n, w))
        .map_or(EntityKind::Other, |(k, _, _)| k)
}

/// Nationality and head noun of a description such as "the Kazakh president".
struct Description {
    span: Span,
    nation: Option<&'static str>,
    noun: String,
}

fn descriptions(
    text: &str,
    toks: &[Token],
    bare: &[Candidate],
    named: &[Mention],
    entities: &[LocalEntity],
) -> Vec<Mention> {
    let mut found: Vec<Description> = Vec::new();
    let words: Vec<&Token> = toks.iter().filter(|t| t.word).collect();
    for (i, t) in words.iter().enumerate() {
        if !t.text.eq_ignore_ascii_case("the") {
            continue;
        }
        let mut j = i + 1;
        // "the former FBI director", "the reclusive North Korean leader".
        let mut modifiers = 0;
        while modifiers < DESCRIPTION_MODIFIERS
            && words.get(j).is_some_and(|w| {
                w.sentence == t.sentence
                    && !w.capitalised()
                    && w.text.chars().all(|c| c.is_lowercase() || c == '-')
                    && !PERSON_NOUNS
                        .iter()
                        .any(|n| n.split(' ').next() == Some(w.text))
                    && !lexicon::lower_in(lexicon::NOT_DESCRIPTION_MODIFIERS, w.text)
            })
        {
            modifiers += 1;
            j += 1;
        }
        let compass = words
            .get(j)
            .is_some_and(|w| lexicon::lower_in(&["north", "south", "east", "west"], w.text));
        let nation_at = if compass { j + 1 } else { j };
        let nation = words
            .get(nation_at)
            .and_then(|w| lexicon::nation_of_adjective(w.text));
        if nation.is_some() {
            j = nation_at + 1;
        } else if words.get(j).is_some_and(|w| w.acronym()) {
            j += 1;
        }
        let Some(w) = words.get(j) else { continue };
        if w.capitalised() {
            continue;
        }
        let mut noun = w.text.to_lowercase();
        let mut end = w.end;
        if let Some(next) = words.get(j + 1).filter(|n| n.sentence == w.sentence) {
            let pair = format!("{noun} {}", next.text.to_lowercase());
            if PERSON_NOUNS.contains(&pair.as_str()) {
                noun = pair;
                end = next.end;
            }
        }
        if !PERSON_NOUNS.contains(&noun.as_str()) {
            continue;
        }
        found.push(Description {
            span: Span::new(t.start, end),
            nation,
            noun,
        });
    }
    for b in bare {
        let nation = b.words.iter().find_map(|w| lexicon::nation_of_adjective(w));
        let noun = b.words.last().map(|w| w.to_lowercase()).unwrap_or_default();
        if PERSON_NOUNS.contains(&noun.as_str()) {
            found.push(Description {
                span: b.span,
                nation,
                noun,
            });
        }
    }
    found
        .into_iter()
        .filter_map(|d| {
            let entity = description_target(&d, named, entities)?;
            Some(Mention {
                span: d.span,
                text: d.span.slice(text).unwrap_or_default().to_string(),
                kind: EntityKind::Person,
                form: MentionForm::Description,
                entity,
                role: None,
            })
        })
        .collect()
}

/// Most lower-case words between "the" and the head noun of a person's description ("the
/// former FBI director").
const DESCRIPTION_MODIFIERS: usize = 2;

/// Most lower-case words between "the" and the head noun of an organisation description ("the
/// hard-line union").
const ORGANISATION_DESCRIPTION_MODIFIERS: usize = 2;

/// Descriptions of organisations by the last word of their name: after "Velmarsk Dockers'
/// Union", "the union" and "the hard-line union" are that union, when no other organisation of
/// the article ends in that word. Only after the name has been given.
fn organisation_descriptions(
    text: &str,
    toks: &[Token],
    named: &[Mention],
    entities: &[LocalEntity],
) -> Vec<Mention> {
    // Head word of each organisation's name, and whether it is shared by two organisations.
    let mut heads: Vec<(String, Option<usize>)> = Vec::new();
    for (e, entity) in entities.iter().enumerate() {
        if entity.kind != EntityKind::Organization {
            continue;
        }
        let Some(head) = entity.name.split_whitespace().last() else {
            continue;
        };
        let head = head.to_lowercase();
        if head.len() < 4 || !head.chars().all(char::is_alphabetic) {
            continue;
        }
        match heads.iter_mut().find(|(h, _)| *h == head) {
            Some((_, owner)) => *owner = None,
            None => heads.push((head, Some(e))),
        }
    }
    let mut out = Vec::new();
    if heads.is_empty() {
        return out;
    }
    let words: Vec<&Token> = toks.iter().filter(|t| t.word).collect();
    for (i, the) in words.iter().enumerate() {
        if !the.text.eq_ignore_ascii_case("the") {
            continue;
        }
        for w in words
            .iter()
            .skip(i + 1)
            .take(ORGANISATION_DESCRIPTION_MODIFIERS + 1)
        {
            if w.capitalised() || w.sentence != the.sentence {
                break;
            }
            let noun = w.text.to_lowercase();
            let owner = heads.iter().find_map(|(head, owner)| {
                let matches = noun == *head
                    || head
                        .strip_suffix('s')
                        .is_some_and(|singular| noun == singular);
                matches.then_some(*owner).flatten()
            });
            if let Some(entity) = owner {
                let named_before = named
                    .iter()
                    .any(|m| m.entity == entity && m.span.end <= the.start);
                if named_before {
                    let span = Span::new(the.start, w.end);
                    out.push(Mention {
                        span,
                        text: span.slice(text).unwrap_or_default().to_string(),
                        kind: EntityKind::Organization,
                        form: MentionForm::Description,
                        entity,
                        role: None,
                    });
                }
                break;
            }
        }
    }
    out
}

fn role_nations(roles: &[String]) -> Vec<&'static str> {
    roles
        .iter()
        .flat_map(|r| r.split([' ', ',']))
        .filter_map(|w| {
            lexicon::nation_of_adjective(w)
                .or_else(|| lexicon::NATIONS.iter().find(|n| n.0 == w).map(|n| n.0))
        })
        .collect()
}

fn role_fits(roles: &[String], noun: &str) -> bool {
    roles.iter().any(|r| {
        let r = r.to_lowercase();
        if noun == "leader" {
            LEADER_TITLES.iter().any(|t| r.contains(t))
        } else {
            r.contains(noun)
        }
    })
}

/// The person a description refers to: one whose roles carry its nationality and noun, else
/// one whose roles carry the noun and no other nationality; the latest mentioned before wins.
fn description_target(
    d: &Description,
    named: &[Mention],
    entities: &[LocalEntity],
) -> Option<usize> {
    let mut roles: Vec<Vec<String>> = vec![Vec::new(); entities.len()];
    for m in named {
        if let Some(r) = &m.role {
            roles[m.entity].push(r.clone());
        }
    }
    let person = |e: usize| entities[e].kind == EntityKind::Person;
    let strict = |e: usize| {
        person(e)
            && role_fits(&roles[e], &d.noun)
            && d.nation
                .is_some_and(|n| role_nations(&roles[e]).contains(&n))
    };
    let loose = |e: usize| {
        let nations = role_nations(&roles[e]);
        person(e)
            && role_fits(&roles[e], &d.noun)
            && (d.nation.is_none()
                || nations.is_empty()
                || d.nation.is_some_and(|n| nations.contains(&n)))
    };
    latest_before(named, d.span.start, strict).or_else(|| latest_before(named, d.span.start, loose))
}

fn latest_before(named: &[Mention], at: usize, accept: impl Fn(usize) -> bool) -> Option<usize> {
    let before = named
        .iter()
        .rev()
        .filter(|m| m.span.start < at)
        .find(|m| accept(m.entity))
        .map(|m| m.entity);
    before.or_else(|| named.iter().find(|m| accept(m.entity)).map(|m| m.entity))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Unknown,
}

/// A name's gender as its own words show it: a courtesy title, else a given name.
fn candidate_gender(c: &Candidate) -> Gender {
    let first = if c.words.len() >= 2 {
        c.words[0].as_str()
    } else {
        ""
    };
    gender_from(c.role.iter(), first)
}

/// A person's gender as the article shows it: a courtesy title, else a given name the lists know.
fn gender_of(entity: &LocalEntity) -> Gender {
    let first = entity.name.split([' ', '-']).next().unwrap_or("");
    gender_from(entity.roles.iter(), first)
}

fn gender_from<'a>(roles: impl Iterator<Item = &'a String>, first: &str) -> Gender {
    for role in roles {
        for w in role.split([' ', ',']) {
            let w = w.trim_end_matches('.');
            if lower_in(lexicon::FEMALE_TITLES, w) {
                return Gender::Female;
            }
            if lower_in(lexicon::MALE_TITLES, w) {
                return Gender::Male;
            }
        }
    }
    if first.is_empty() {
        Gender::Unknown
    } else if lower_in(lexicon::FEMALE_NAMES, first) {
        Gender::Female
    } else if lower_in(lexicon::GIVEN_NAMES, first) {
        Gender::Male
    } else {
        Gender::Unknown
    }
}

/// Whether each token stands inside a quotation. Straight quotes toggle; curly ones open and
/// close; a line break ends an unclosed quotation, as paragraphs do in news copy.
fn quoted_tokens(text: &str, toks: &[Token]) -> Vec<bool> {
    let mut inside = false;
    let mut prev_end = 0;
    toks.iter()
        .map(|t| {
            if text
                .get(prev_end..t.start)
                .is_some_and(|gap| gap.contains('\n'))
            {
                inside = false;
            }
            prev_end = t.end;
            match t.text {
                "\"" => {
                    inside = !inside;
                    false
                }
                "\u{201c}" | "\u{ab}" => {
                    inside = true;
                    false
                }
                "\u{201d}" | "\u{bb}" => {
                    inside = false;
                    false
                }
                _ => inside,
            }
        })
        .collect()
}

/// "he", "she", "his", "her", "him": a person of matching gender from the pronoun's sentence or
/// the nearest sentence before it (up to three back) that names one. Within that sentence "he"
/// and "she" take the subject: the first such mention that is neither a possessive nor after a
/// preposition ("Scholz disagreed with Toqaev's suggestion ... he said" is Scholz); the other
/// forms take the nearest. A pronoun outside a quotation skips people named only inside
/// quotations.
fn pronouns(
    text: &str,
    toks: &[Token],
    mentions: &[Mention],
    entities: &[LocalEntity],
) -> Vec<Mention> {
    let quoted = quoted_tokens(text, toks);
    let genders: Vec<Gender> = entities.iter().map(gender_of).collect();
    let token_at = |start: usize| toks.partition_point(|t| t.start < start);
    // Person mentions with their token index.
    let people: Vec<(usize, &Mention)> = mentions
        .iter()
        .filter(|m| entities[m.entity].kind == EntityKind::Person)
        .map(|m| (token_at(m.span.start), m))
        .filter(|(i, _)| *i < toks.len())
        .collect();
    let mut out = Vec::new();
    for (ti, t) in toks.iter().enumerate().filter(|(_, t)| t.word) {
        let lower = t.text;
        let gender = if lower_in(&["he", "him", "his", "himself"], lower) {
            Gender::Male
        } else if lower_in(&["she", "her", "hers", "herself"], lower) {
            Gender::Female
        } else {
            continue;
        };
        let fits = |&(i, m): &(usize, &Mention)| {
            let g = genders[m.entity];
            i < ti
                && m.span.end <= t.start
                && (g == gender || g == Gender::Unknown)
                && t.sentence.saturating_sub(toks[i].sentence) <= 3
                && (quoted[ti] || !quoted[i])
        };
        let Some(nearest) = people
            .iter()
            .rev()
            .find(|p| fits(p))
            .map(|&(i, _)| toks[i].sentence)
        else {
            continue;
        };
        let in_sentence: Vec<&(usize, &Mention)> = people
            .iter()
            .filter(|p| fits(p) && toks[p.0].sentence == nearest)
            .collect();
        // A subject pronoun continues the subject; "his", "her", "him" take the nearest name
        // ("told Scholz, who is in Astana as part of his trip").
        let nominative = lower_in(&["he", "she"], t.text);
        let subject = if nominative {
            in_sentence
                .iter()
                .find(|&&&(i, m)| {
                    !after_preposition(toks, i) && !possessive_after(toks, m.span.end)
                })
                .or_else(|| in_sentence.first())
        } else {
            in_sentence.last()
        };
        if let Some(&&(_, m)) = subject {
            out.push(Mention {
                span: t.span(),
                text: t.text.to_string(),
                kind: EntityKind::Person,
                form: MentionForm::Pronoun,
                entity: m.entity,
                role: None,
            });
        }
    }
    out
}

fn after_preposition(toks: &[Token], i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|p| toks.get(p))
        .is_some_and(|p| lower_in(lexicon::OBJECT_CUES, p.text))
}

fn possessive_after(toks: &[Token], end: usize) -> bool {
    let i = toks.partition_point(|t| t.start < end);
    toks.get(i)
        .is_some_and(|t| t.start == end && matches!(t.text, "'" | "\u{2019}"))
}
