//! Cross-document entity resolution within a story: the local entities of every source merged
//! into story entities, across spellings and romanisations ("Tokayev", "Tokaev", "Toqaev").
//!
//! Local entities are merged in three passes, fullest names first:
//! 1. the same transliteration-aware key of the full name (see
//!    [`triangulate_analyze::entities::name_key`]; a person's middle initials are dropped, so
//!    "James B. Comey" is "James Comey") and kinds that agree;
//! 2. a one-word name that equals the surname of one person of the story, or failing that the
//!    first word of one ("Kim" for "Kim Jong Un"). Where several people share it, the
//!    mention's title must fit one of them ("President Trump", not "Melania Trump"), or one
//!    must hold three quarters of the mentions; otherwise it merges with none;
//! 3. an acronym whose letters are the initials of exactly one organisation.
//!
//! Two full names with different given names never merge, so neither do two people who share a
//! surname.

use std::collections::HashMap;

use triangulate_analyze::entities::{name_key, surname_key};
use triangulate_model::{
    Alias, Analysis, Article, Entity, EntityKind, Evidence, LocalEntity, MentionForm,
};

/// Story entities and where each local entity went.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    pub entities: Vec<Entity>,
    /// (document index, local entity index) -> index into `entities`.
    pub map: HashMap<(usize, usize), usize>,
}

struct Local<'a> {
    doc: usize,
    index: usize,
    entity: &'a LocalEntity,
    key: String,
    surname: String,
    words: usize,
    /// Byte offset of the first mention: with `doc`, the order of first appearance.
    first: usize,
}

struct Group {
    kind: EntityKind,
    members: Vec<usize>,
    keys: Vec<String>,
}

/// Resolves the local entities of the documents of one story into story entities.
pub fn resolve(docs: &[(&Article, &Analysis)]) -> Resolution {
    let mut locals: Vec<Local> = Vec::new();
    for (d, (article, analysis)) in docs.iter().enumerate() {
        // An outlet naming itself ("VELMARSK (Coastline Wire) -", "told Coastline Wire") is the
        // messenger, not an actor of the story.
        let own_outlet = article.outlet.as_deref().map(name_key);
        for (l, entity) in analysis.entities.iter().enumerate() {
            let name = name_key(&entity.name);
            if own_outlet
                .as_deref()
                .is_some_and(|o| !o.is_empty() && name == o)
            {
                continue;
            }
            let first = entity
                .mentions
                .iter()
                .filter_map(|&m| analysis.mentions.get(m))
                .map(|m| m.span.start)
                .min()
                .unwrap_or(usize::MAX);
            let key = person_key(name, entity.kind);
            if key.is_empty() {
                continue;
            }
            locals.push(Local {
                doc: d,
                index: l,
                entity,
                words: key.split(' ').count(),
                surname: surname_key(&entity.name),
                key,
                first,
            });
        }
    }

    let mut order: Vec<usize> = (0..locals.len()).collect();
    order.sort_by_key(|&i| {
        (
            is_acronym(&locals[i].entity.name),
            std::cmp::Reverse(locals[i].words),
            locals[i].doc,
            locals[i].first,
        )
    });
    let mut groups: Vec<Group> = Vec::new();
    for &i in &order {
        let local = &locals[i];
        let found = same_name(&groups, local)
            .or_else(|| surname_match(&groups, &locals, local))
            .or_else(|| acronym_match(&groups, &locals, local));
        match found {
            Some(g) => {
                groups[g].members.push(i);
                if !groups[g].keys.contains(&local.key) {
                    groups[g].keys.push(local.key.clone());
                }
            }
            None => groups.push(Group {
                kind: local.entity.kind,
                members: vec![i],
                keys: vec![local.key.clone()],
            }),
        }
    }

    // Story entities in order of first appearance.
    groups.sort_by_key(|g| {
        g.members
            .iter()
            .map(|&m| (locals[m].doc, locals[m].first))
            .min()
    });
    let mut resolution = Resolution::default();
    for (n, group) in groups.iter().enumerate() {
        for &m in &group.members {
            resolution.map.insert((locals[m].doc, locals[m].index), n);
        }
        resolution
            .entities
            .push(build_entity(n, group, &locals, docs));
    }
    resolution
}

/// A person's key without middle initials: "James B. Comey" and "James Comey" are one name.
/// Suffixes such as "Jr." stay, so a father and son keep apart.
fn person_key(key: String, kind: EntityKind) -> String {
    if kind != EntityKind::Person {
        return key;
    }
    let words: Vec<&str> = key.split(' ').collect();
    if words.len() < 3 || !words[1..words.len() - 1].iter().any(|w| w.len() == 1) {
        return key;
    }
    let last = words.len() - 1;
    words
        .iter()
        .enumerate()
        .filter(|&(i, w)| i == 0 || i == last || w.len() > 1)
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && !name.contains(' ')
}

fn kinds_agree(a: EntityKind, b: EntityKind) -> bool {
    a == b
        || (a != EntityKind::Person
            && b != EntityKind::Person
            && a != EntityKind::Group
            && b != EntityKind::Group)
}

fn same_name(groups: &[Group], local: &Local) -> Option<usize> {
    groups
        .iter()
        .position(|g| g.keys.contains(&local.key) && kinds_agree(g.kind, local.entity.kind))
}

/// A one-word name that is the surname of one person of the story. When several people share
/// the surname ("Donald Trump", "Melania Trump"), a title the mention carries must fit that
/// person's roles, and one of them must dominate the story (three times the mentions of the
/// rest together); otherwise the mention merges with none. A name written family name first
/// ("Kim Jong Un", "Xi Jinping") is matched on its first word when no one has it as a surname;
/// so is a lone given name ("Emmanuel").
fn surname_match(groups: &[Group], locals: &[Local], local: &Local) -> Option<usize> {
    if local.words != 1 || matches!(local.entity.kind, EntityKind::Location | EntityKind::Group) {
        return None;
    }
    let person_with = |pick: &dyn Fn(&Local) -> bool| -> Vec<usize> {
        groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.kind == EntityKind::Person)
            .filter(|(_, g)| {
                g.members
                    .iter()
                    .any(|&m| locals[m].words > 1 && pick(&locals[m]))
            })
            .map(|(i, _)| i)
            .collect()
    };
    let mut fits = person_with(&|m: &Local| m.surname == local.surname);
    if fits.is_empty() {
        fits = person_with(&|m: &Local| {
            m.words >= 2 && m.key.split(' ').next() == Some(local.key.as_str())
        });
    }
    match fits.as_slice() {
        [] => None,
        [g] => Some(*g),
        _ => {
            // The mention's own titles ("President Trump") narrow the choice.
            let titled: Vec<usize> = fits
                .iter()
                .copied()
                .filter(|&g| roles_fit(&local.entity.roles, groups, locals, g))
                .collect();
            let pool = if titled.is_empty() || local.entity.roles.is_empty() {
                &fits
            } else {
                &titled
            };
            if let [g] = pool.as_slice() {
                return Some(*g);
            }
            dominant(groups, locals, pool)
        }
    }
}

/// Whether a one-word local's roles share a word with the roles of group `g`; courtesy titles
/// ("Mr.") say nothing.
fn roles_fit(roles: &[String], groups: &[Group], locals: &[Local], g: usize) -> bool {
    let words = |r: &String| -> Vec<String> {
        r.split([' ', ','])
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .filter(|w| w.len() > 3)
            .collect()
    };
    let mine: Vec<String> = roles.iter().flat_map(words).collect();
    groups[g]
        .members
        .iter()
        .flat_map(|&m| locals[m].entity.roles.iter())
        .flat_map(words)
        .any(|w| mine.contains(&w))
}

/// The group among `pool` with at least three times the mentions of the others together.
fn dominant(groups: &[Group], locals: &[Local], pool: &[usize]) -> Option<usize> {
    let weight = |g: usize| -> usize {
        groups[g]
            .members
            .iter()
            .map(|&m| locals[m].entity.mentions.len())
            .sum()
    };
    let (best, top) = pool
        .iter()
        .map(|&g| (g, weight(g)))
        .max_by_key(|&(_, w)| w)?;
    let rest: usize = pool
        .iter()
        .filter(|&&g| g != best)
        .map(|&g| weight(g))
        .sum();
    (top >= 3 * rest.max(1)).then_some(best)
}

/// An acronym whose letters are the initials of exactly one organisation of the story.
fn acronym_match(groups: &[Group], locals: &[Local], local: &Local) -> Option<usize> {
    if !is_acronym(&local.entity.name) {
        return None;
    }
    let letters: String = local
        .entity
        .name
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    let fits: Vec<usize> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.kind == EntityKind::Organization)
        .filter(|(_, g)| {
            g.members
                .iter()
                .any(|&m| initials(&locals[m].entity.name) == letters)
        })
        .map(|(i, _)| i)
        .collect();
    match fits.as_slice() {
        [g] => Some(*g),
        _ => None,
    }
}

fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter(|w| !matches!(*w, "of" | "and" | "the" | "for" | "&"))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn build_entity(
    n: usize,
    group: &Group,
    locals: &[Local],
    docs: &[(&Article, &Analysis)],
) -> Entity {
    let mut aliases: Vec<Alias> = Vec::new();
    let mut roles: Vec<String> = Vec::new();
    let mut mentions: Vec<Evidence> = Vec::new();
    let mut kinds: Vec<(EntityKind, usize)> = Vec::new();
    let mut members = group.members.clone();
    members.sort_by_key(|&m| (locals[m].doc, locals[m].first));
    for &m in &members {
        let local = &locals[m];
        let (article, analysis) = docs[local.doc];
        match kinds.iter_mut().find(|(k, _)| *k == local.entity.kind) {
            Some((_, c)) => *c += local.entity.mentions.len(),
            None => kinds.push((local.entity.kind, local.entity.mentions.len())),
        }
        for role in &local.entity.roles {
            if !roles.contains(role) {
                roles.push(role.clone());
            }
        }
        for mention in local
            .entity
            .mentions
            .iter()
            .filter_map(|&i| analysis.mentions.get(i))
        {
            mentions.push(Evidence {
                doc: article.id.clone(),
                span: mention.span,
            });
            if !matches!(mention.form, MentionForm::Name | MentionForm::Acronym) {
                continue;
            }
            match aliases.iter_mut().find(|a| a.text == mention.text) {
                Some(alias) => {
                    alias.count += 1;
                    if !alias.docs.contains(&article.id) {
                        alias.docs.push(article.id.clone());
                    }
                }
                None => aliases.push(Alias {
                    text: mention.text.clone(),
                    count: 1,
                    docs: vec![article.id.clone()],
                }),
            }
        }
    }
    // The canonical name: the fullest spelling, then the most used one.
    let name = aliases
        .iter()
        .filter(|a| !is_acronym(&a.text))
        .max_by_key(|a| {
            (
                a.text.split_whitespace().count(),
                a.count,
                std::cmp::Reverse(a.text.len()),
            )
        })
        .or_else(|| aliases.first())
        .map(|a| a.text.clone())
        .or_else(|| members.first().map(|&m| locals[m].entity.name.clone()))
        .unwrap_or_default();
    let kind = kinds
        .iter()
        .max_by_key(|(_, c)| *c)
        .map_or(group.kind, |(k, _)| *k);
    Entity {
        id: format!("e{}", n + 1),
        name,
        kind,
        aliases,
        roles,
        mentions,
    }
}

#[cfg(test)]
mod tests;
