//! A length budget for names, and the one way a name over it is shortened: it keeps its leading
//! words that fit, less the connecting words (`of`, `from`, `a`…) that would end it, and keeps
//! more words only when the shortened form would be the same as another name's.

use std::collections::{BTreeMap, BTreeSet};

/// Words that do not end a shortened name: `delete_rules_from` says less than `delete_rules`.
const CONNECTING: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "using", "via", "with",
];

/// The longest name, in characters, an operation's function takes from its title (folder or
/// method qualifiers that tell colliding names apart come on top).
pub const FUNCTION_BUDGET: usize = 56;

/// The longest module name (a folder's), in characters.
pub const MODULE_BUDGET: usize = 40;

/// How many leading `words` make a name of at most `budget` characters when joined by
/// `separator`: at least one, and, when words are left out, without connecting words at the end.
pub fn fitting(words: &[String], budget: usize, separator: &str) -> usize {
    let mut len = 0;
    let mut count = 0;
    for word in words {
        let added = word.len() + if count > 0 { separator.len() } else { 0 };
        if count > 0 && len + added > budget {
            break;
        }
        len += added;
        count += 1;
    }
    while count > 1 && count < words.len() && is_connecting(&words[count - 1]) {
        count -= 1;
    }
    count
}

/// For each word list, how many leading words its name keeps: [`fitting`] the budget, and more
/// where two different lists would otherwise shorten to the same name, until they differ or
/// are whole. The result depends on the set of lists, not on their order.
pub fn shortened_apart(lists: &[&[String]], budget: usize, separator: &str) -> Vec<usize> {
    let mut counts: Vec<usize> = lists
        .iter()
        .map(|words| fitting(words, budget, separator))
        .collect();
    loop {
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, words) in lists.iter().enumerate() {
            groups
                .entry(key(&words[..counts[index]], separator))
                .or_default()
                .push(index);
        }
        // Members of a group with different whole names grow by a word. One of them always
        // can (whole names that shorten alike are the same name), so the loop ends.
        let mut grew = false;
        for members in groups.values().filter(|members| members.len() > 1) {
            let wholes: BTreeSet<String> =
                members.iter().map(|&i| key(lists[i], separator)).collect();
            if wholes.len() < 2 {
                continue;
            }
            for &i in members {
                if counts[i] < lists[i].len() {
                    counts[i] = extended_count(lists[i], counts[i]);
                    grew = true;
                }
            }
        }
        if !grew {
            return counts;
        }
    }
}

/// One more word, and the connecting words after it, so a name does not end on one.
fn extended_count(words: &[String], count: usize) -> usize {
    let mut count = (count + 1).min(words.len());
    while count < words.len() && is_connecting(&words[count - 1]) {
        count += 1;
    }
    count
}

fn key(words: &[String], separator: &str) -> String {
    words
        .iter()
        .map(|word| word.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(separator)
}

fn is_connecting(word: &str) -> bool {
    CONNECTING.contains(&word.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn names_within_budget_are_whole() {
        assert_eq!(fitting(&words("list users"), 10, "_"), 2);
        assert_eq!(fitting(&words("list users"), 9, "_"), 1);
        assert_eq!(fitting(&words("averyveryverylongword"), 5, "_"), 1);
        assert_eq!(fitting(&[], 5, "_"), 0);
        assert_eq!(fitting(&words("delete rules from a waf"), 20, "_"), 2);
        assert_eq!(fitting(&words("delete rules from a waf"), 20, ""), 5);
        assert_eq!(fitting(&words("get a"), 20, "_"), 2, "whole: nothing cut");
    }

    #[test]
    fn shortened_names_grow_until_they_differ() {
        let a = words("delete multiple active rules from a waf using ids");
        let b = words("delete multiple active rules from a service");
        let c = words("get user");
        let lists = [a.as_slice(), b.as_slice(), c.as_slice()];
        let counts = shortened_apart(&lists, 20, "_");
        // `delete_multiple` (15) is what fits; both grow until `waf` / `service`.
        assert_eq!(counts, [7, 7, 2]);
        let reversed = [c.as_slice(), b.as_slice(), a.as_slice()];
        assert_eq!(shortened_apart(&reversed, 20, "_"), [2, 7, 7]);
    }

    #[test]
    fn identical_lists_are_left_to_the_caller() {
        let a = words("delete virtual background files of an account");
        let lists = [a.as_slice(), a.as_slice()];
        assert_eq!(shortened_apart(&lists, 20, "_"), [2, 2]);
    }

    #[test]
    fn a_whole_name_that_is_a_prefix_of_another() {
        let a = words("list users");
        let b = words("list users of a group");
        let lists = [a.as_slice(), b.as_slice()];
        assert_eq!(shortened_apart(&lists, 5, "_"), [2, 5]);
    }
}
