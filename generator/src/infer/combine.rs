//! The same kind of object, wherever it appears. Every object of every root shape (request,
//! success and error bodies of every operation) is a *node*; nodes are combined into *classes*,
//! and each class becomes one generated type.
//!
//! Two nodes are one class when
//! - they have the same keys with values of the same kinds, and their nested objects are of
//!   the same classes (key order does not matter);
//! - they are *similar*, as in quicktype's class combining: the smaller has at least ¾ as many
//!   keys as the larger, at least ¾ of the larger's keys are in both, each key in both holds
//!   values of the same kinds (`null` aside; integers and floats are one kind, numbers), and
//!   the objects under those keys are similar in turn (an empty object is like any). Two
//!   bodies' own top-level objects are the exception: they must have the same keys (see
//!   [`similar`]);
//! - they are the objects at the same place in two nodes of one class (the value of one key,
//!   at the same array depth): a field has one type.
//!
//! Similarity is not transitive, so the order of the comparisons matters: nodes are visited
//! grouped by equality, most frequent first, and each group joins the class of the first
//! similar group visited before it (a "prototype"). Candidates are found through an index of
//! each group's rarest keys (prefix filtering: two key sets that share ¾ of the larger share one
//! of the first `n - ⌈¾n⌉ + 1` keys of each, in one global order of keys) and tested in order:
//! most rare keys in common first, then the earliest class; at most [`POSTINGS`] found through
//! each key and [`TRIES`] tested, so the pass stays linear where keys are few and common. Every order depends on the samples, not on
//! the order of the items in the collection (exact ties aside).

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use super::shape::{Kind, Shape};

/// An index into [`Combined::nodes`].
pub(super) type NodeId = usize;

/// The share of keys two similar objects have in common (quicktype's `REQUIRED_OVERLAP`).
const OVERLAP: (usize, usize) = (3, 4);

/// The most objects a group of equal objects is compared with, the most promising first.
const TRIES: usize = 16;

/// The most groups found through one key: the first (most frequent) ones. Real collections'
/// rarest keys are in a few dozen groups; generated ones with few, common keys in thousands.
const POSTINGS: usize = 64;

/// One object of one body shape (the shape of one or more roots: equal shapes are one).
#[derive(Debug)]
pub(super) struct Node<'a> {
    /// Its fields, in the order of the samples.
    pub fields: &'a [(String, Shape)],
    /// The body shape it belongs to (see [`Combined::roots_of`]).
    pub body: usize,
    /// Objects between it and its root's top (0 for the top-level object).
    pub depth: usize,
    /// Where it is.
    pub place: Place<'a>,
    /// The nodes in its fields' values: (field index, array depth, node).
    pub children: Vec<(usize, u8, NodeId)>,
}

/// Where a [`Node`] is: at the top of a root, or in a field of another node; `steps` are the
/// arrays and enum variants between there and the object.
#[derive(Debug)]
pub(super) enum Place<'a> {
    /// In the root's value.
    Root {
        /// The arrays and variants around it.
        steps: Vec<Step>,
    },
    /// In the value of a field.
    Field {
        /// The object with the field.
        parent: NodeId,
        /// The field's key.
        key: &'a str,
        /// The arrays and variants around it.
        steps: Vec<Step>,
    },
}

/// A step from a value to an object in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Step {
    /// An array's element.
    Element,
    /// A variant of an untagged enum (values of several kinds), named as the enum names it.
    Variant(&'static str),
}

/// Every node, and the class of each.
#[derive(Debug)]
pub(super) struct Combined<'a> {
    /// Every object of every body shape, parents before their children.
    pub nodes: Vec<Node<'a>>,
    /// The node at the top of each body shape at each array depth (`[{…}]` has one at depth 1).
    pub body_nodes: Vec<Vec<(u8, NodeId)>>,
    /// The roots of each body shape: roots with the same shape (the same `Rc`) share one, so
    /// their objects are nodes once (the error body of 300 operations).
    pub roots_of: Vec<Vec<usize>>,
    /// The body shape of each root.
    body_of: Vec<usize>,
    /// The class of each node.
    pub class_of: Vec<usize>,
    /// The nodes of each class, in the order their fields are joined.
    pub classes: Vec<Vec<NodeId>>,
    /// The class of the objects in each field of each class, by (class, key, array depth).
    children: HashMap<(usize, &'a str, u8), usize>,
}

impl<'a> Combined<'a> {
    /// Finds the nodes of the roots' shapes and combines them into classes. Roots whose shapes
    /// are one `Rc` share their nodes.
    pub fn new(roots: &[&'a Rc<Shape>]) -> Self {
        let mut bodies: HashMap<*const Shape, usize> = HashMap::new();
        let mut shapes: Vec<&'a Shape> = Vec::new();
        let mut roots_of: Vec<Vec<usize>> = Vec::new();
        let body_of: Vec<usize> = roots
            .iter()
            .enumerate()
            .map(|(root, shape)| {
                let body = *bodies.entry(Rc::as_ptr(shape)).or_insert_with(|| {
                    shapes.push(shape);
                    roots_of.push(Vec::new());
                    shapes.len() - 1
                });
                roots_of[body].push(root);
                body
            })
            .collect();
        // Sized once: a vector of nodes doubling as it fills would hold two copies at a time.
        let mut nodes = Vec::with_capacity(shapes.iter().map(|s| count_objects(s)).sum());
        let body_nodes = shapes
            .iter()
            .enumerate()
            .map(|(body, shape)| {
                let mut found = Vec::new();
                collect(
                    shape,
                    body,
                    None,
                    0,
                    &mut Vec::new(),
                    &mut nodes,
                    &mut found,
                );
                found
            })
            .collect();
        let signatures: Vec<Signature<'a>> = nodes.iter().map(signature).collect();
        let mut sets = UnionFind::new(nodes.len());
        similar(&nodes, &signatures, &mut sets);
        congruent(&nodes, &mut sets);
        while equal_up_to_classes(&nodes, &signatures, &mut sets) {
            congruent(&nodes, &mut sets);
        }
        let (class_of, classes) = classes(&nodes, &signatures, &mut sets);
        let mut children = HashMap::new();
        for (id, node) in nodes.iter().enumerate() {
            for &(index, depth, child) in &node.children {
                let key = (class_of[id], node.fields[index].0.as_str(), depth);
                children.insert(key, class_of[child]);
            }
        }
        Combined {
            nodes,
            body_nodes,
            roots_of,
            body_of,
            class_of,
            classes,
            children,
        }
    }

    /// The class of the object at array depth `depth` in the field `key` of `class`.
    pub fn child(&self, class: usize, key: &str, depth: u8) -> Option<usize> {
        self.children.get(&(class, key, depth)).copied()
    }

    /// The class of the object at array depth `depth` of root `root`.
    pub fn root_class(&self, root: usize, depth: u8) -> Option<usize> {
        self.root_node(root, depth).map(|node| self.class_of[node])
    }

    /// The node at array depth `depth` of root `root`.
    pub fn root_node(&self, root: usize, depth: u8) -> Option<NodeId> {
        self.body_nodes[self.body_of[root]]
            .iter()
            .find(|(d, _)| *d == depth)
            .map(|(_, node)| *node)
    }

    /// The roots `node` is in.
    pub fn roots(&self, node: NodeId) -> &[usize] {
        &self.roots_of[self.nodes[node].body]
    }
}

/// Adds the nodes in `shape` (the value at `parent`'s field `key`, or a root's value).
fn collect<'a>(
    shape: &'a Shape,
    body: usize,
    parent: Option<(NodeId, &'a str)>,
    depth: usize,
    steps: &mut Vec<Step>,
    nodes: &mut Vec<Node<'a>>,
    found: &mut Vec<(u8, NodeId)>,
) {
    match shape {
        Shape::Object(fields) => {
            let id = nodes.len();
            let steps = steps.clone();
            let elements = steps.iter().filter(|s| **s == Step::Element).count();
            found.push((u8::try_from(elements).unwrap_or(u8::MAX), id));
            let place = match parent {
                None => Place::Root { steps },
                Some((parent, key)) => Place::Field { parent, key, steps },
            };
            nodes.push(Node {
                fields,
                body,
                depth,
                place,
                children: Vec::new(),
            });
            let mut children = Vec::new();
            for (index, (key, value)) in fields.iter().enumerate() {
                let mut in_field = Vec::new();
                let here = Some((id, key.as_str()));
                collect(
                    value,
                    body,
                    here,
                    depth + 1,
                    &mut Vec::new(),
                    nodes,
                    &mut in_field,
                );
                children.extend(in_field.into_iter().map(|(d, child)| (index, d, child)));
            }
            nodes[id].children = children;
        }
        Shape::Array(inner) => {
            steps.push(Step::Element);
            collect(inner, body, parent, depth, steps, nodes, found);
            steps.pop();
        }
        Shape::Optional(inner) | Shape::Nullable(inner) => {
            collect(inner, body, parent, depth, steps, nodes, found)
        }
        Shape::OneOf(members) => {
            for member in members {
                steps.push(Step::Variant(variant_name(member)));
                collect(member, body, parent, depth, steps, nodes, found);
                steps.pop();
            }
        }
        _ => {}
    }
}

/// How many objects `shape` holds, itself included.
fn count_objects(shape: &Shape) -> usize {
    match shape {
        Shape::Object(fields) => 1 + fields.iter().map(|(_, s)| count_objects(s)).sum::<usize>(),
        Shape::Array(inner) | Shape::Optional(inner) | Shape::Nullable(inner) => {
            count_objects(inner)
        }
        Shape::OneOf(members) => members.iter().map(count_objects).sum(),
        _ => 0,
    }
}

/// The name of the enum variant that holds `member` (see `space::define_enum`).
pub(super) fn variant_name(member: &Shape) -> &'static str {
    match member.kind() {
        Some(Kind::Number) if *member == Shape::Float => "F64",
        Some(Kind::Number) => "I64",
        Some(Kind::String) => "String",
        Some(Kind::Bool) => "Bool",
        Some(Kind::Array) => "Array",
        Some(Kind::Object) | None => "Object",
    }
}

/// What kinds of value a field holds, level by level through arrays (the value, its elements,
/// theirs…): bit sets of [`Kind`]s, [`ANY`] for values of no useful type, 0 for `null` or no
/// sample. Arrays nested deeper than the levels kept count as any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Kinds([u8; LEVELS]);

const LEVELS: usize = 4;
const ANY: u8 = 1 << 7;

impl Kinds {
    fn of(shape: &Shape) -> Kinds {
        let mut levels = [0; LEVELS];
        let mut level = Some(shape);
        for (index, bits) in levels.iter_mut().enumerate() {
            let Some(shape) = level.take() else { break };
            let (kinds, element) = level_bits(shape);
            *bits = match (element, index + 1 == LEVELS) {
                (Some(_), true) => ANY,
                _ => kinds,
            };
            level = element;
        }
        Kinds(levels)
    }

    /// Values of these kinds and of `other`'s can be one field's: equal kinds at each level
    /// until one side knows nothing (only `null`, no sample) or anything goes.
    fn compatible(&self, other: &Kinds) -> bool {
        for (a, b) in self.0.iter().zip(&other.0) {
            if *a == 0 || *b == 0 || (a | b) & ANY != 0 {
                return true;
            }
            if a != b {
                return false;
            }
        }
        true
    }
}

/// The kinds of `shape` at its own level, and the shape of its array elements if any.
fn level_bits(shape: &Shape) -> (u8, Option<&Shape>) {
    match shape {
        Shape::Optional(inner) | Shape::Nullable(inner) => level_bits(inner),
        Shape::Any => (ANY, None),
        Shape::Array(inner) => (kind_bit(Kind::Array), Some(inner)),
        Shape::OneOf(members) => members.iter().fold((0, None), |(bits, element), member| {
            let (more, inner) = level_bits(member);
            (bits | more, element.or(inner))
        }),
        other => (other.kind().map_or(0, kind_bit), None),
    }
}

fn kind_bit(kind: Kind) -> u8 {
    1 << (kind as u8)
}

/// A node's keys and kinds, sorted by key: nodes with equal signatures are one class.
type Signature<'a> = Vec<(&'a str, Kinds)>;

fn signature<'a>(node: &Node<'a>) -> Signature<'a> {
    let mut signature: Signature<'a> = node
        .fields
        .iter()
        .map(|(key, shape)| (key.as_str(), Kinds::of(shape)))
        .collect();
    signature.sort();
    signature
}

/// Combines equal nodes, then similar ones (see the module docs).
fn similar<'a>(nodes: &[Node<'a>], signatures: &[Signature<'a>], sets: &mut UnionFind) {
    let mut similarity = Similarity::new(nodes, signatures);
    let mut groups: BTreeMap<usize, Vec<NodeId>> = BTreeMap::new();
    for (id, deep) in similarity.deep.iter().enumerate() {
        groups.entry(*deep).or_default().push(id);
    }
    let mut groups: Vec<Vec<NodeId>> = groups.into_values().collect();
    groups.sort_by_cached_key(|members| {
        let signature = &similarity.signatures[members[0]];
        (
            Reverse(members.len()),
            Reverse(signature.len()),
            signature.clone(),
        )
    });
    for members in &groups {
        for pair in members.windows(2) {
            sets.union(pair[0], pair[1]);
        }
    }

    // Rarest keys first; ties by key, so the order is the samples' alone.
    let mut frequency: HashMap<&'a str, usize> = HashMap::new();
    for members in &groups {
        for (key, _) in &similarity.signatures[members[0]] {
            *frequency.entry(key).or_default() += 1;
        }
    }
    let prefixes: Vec<Vec<&str>> = groups
        .iter()
        .map(|members| {
            let signature = &similarity.signatures[members[0]];
            let mut keys: Vec<&str> = signature.iter().map(|(key, _)| *key).collect();
            keys.sort_by_key(|key| (frequency[key], *key));
            keys.truncate(prefix_len(keys.len()));
            keys
        })
        .collect();

    // Two bodies' own top-level objects are combined only when they have the same keys: they
    // are the operations' envelopes (a page of users, a page of meetings), and envelopes with
    // other keys are seldom one kind of object. Each may still join a class through a similar
    // object nested elsewhere (a repository returned by one operation and nested in another's
    // body).
    let whole_body: Vec<bool> = groups
        .iter()
        .map(|members| {
            members
                .iter()
                .all(|&id| matches!(&nodes[id].place, Place::Root { steps } if steps.is_empty()))
        })
        .collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut clique_of: Vec<usize> = Vec::with_capacity(groups.len());
    let mut cliques = 0;
    for (group, members) in groups.iter().enumerate() {
        // Each candidate with the number of rare keys it shares; the most promising are
        // tested first, then the earliest class, and at most `TRIES` of them: where keys are
        // few and common (generated data), the candidates grow with the collection.
        let mut found: Vec<usize> = prefixes[group]
            .iter()
            .filter_map(|key| index.get(key))
            .flat_map(|groups| groups.iter().take(POSTINGS))
            .copied()
            .collect();
        found.sort_unstable();
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for other in found {
            match candidates.last_mut() {
                Some((last, shared)) if *last == other => *shared += 1,
                _ => candidates.push((other, 1)),
            }
        }
        let same_keys = |other: usize| {
            let keys = |id: NodeId| signatures[id].iter().map(|(key, _)| *key);
            keys(groups[other][0]).eq(keys(members[0]))
        };
        candidates
            .retain(|&(other, _)| !(whole_body[other] && whole_body[group]) || same_keys(other));
        candidates.sort_by_key(|&(other, shared)| (Reverse(shared), clique_of[other], other));
        let joined = candidates
            .into_iter()
            .take(TRIES)
            .map(|(other, _)| other)
            .find(|&other| similarity.can_combine(groups[other][0], members[0]));
        let clique = match joined {
            Some(other) => {
                sets.union(groups[other][0], members[0]);
                clique_of[other]
            }
            None => {
                cliques += 1;
                cliques - 1
            }
        };
        clique_of.push(clique);
        for key in &prefixes[group] {
            index.entry(key).or_default().push(group);
        }
    }
}

/// A nested object as equality sees it: its key, array depth and deep id (or set).
type Child<'a> = (&'a str, u8, usize);

/// The tests of similarity, with what they need.
struct Similarity<'n, 'a> {
    nodes: &'n [Node<'a>],
    /// Each node's keys and kinds.
    signatures: &'n [Signature<'a>],
    /// Each node's id up to equality: equal keys, kinds and nested objects.
    deep: Vec<usize>,
    /// Pairs of nested objects (by deep id) already tested: the same pairs come back under
    /// many parents. Top-level pairs are tested once each and not kept.
    tested: HashMap<(usize, usize), bool>,
}

impl<'n, 'a> Similarity<'n, 'a> {
    fn new(nodes: &'n [Node<'a>], signatures: &'n [Signature<'a>]) -> Self {
        // Children come after their parents: number them first.
        let mut deep = vec![0; nodes.len()];
        let mut ids: HashMap<(&Signature<'a>, Vec<Child<'a>>), usize> = HashMap::new();
        for id in (0..nodes.len()).rev() {
            let node = &nodes[id];
            let mut children: Vec<Child<'a>> = node
                .children
                .iter()
                .map(|&(index, depth, child)| (node.fields[index].0.as_str(), depth, deep[child]))
                .collect();
            children.sort_unstable();
            let next = ids.len();
            deep[id] = *ids.entry((&signatures[id], children)).or_insert(next);
        }
        Similarity {
            nodes,
            signatures,
            deep,
            tested: HashMap::new(),
        }
    }

    /// quicktype's test, on `a` and `b` and the objects in their shared keys: sizes within ¾
    /// of each other, ¾ of the larger's keys shared, the shared keys' values of compatible
    /// kinds and their objects similar in turn (an empty object is like any).
    fn can_combine(&mut self, a: NodeId, b: NodeId) -> bool {
        self.deep[a] == self.deep[b]
            || (keys_can_combine(&self.signatures[a], &self.signatures[b])
                && self.children_can_combine(a, b))
    }

    /// [`Similarity::can_combine`] for nested objects, remembered.
    fn nested_can_combine(&mut self, a: NodeId, b: NodeId) -> bool {
        let pair = (
            self.deep[a].min(self.deep[b]),
            self.deep[a].max(self.deep[b]),
        );
        if pair.0 == pair.1 {
            return true;
        }
        if let Some(known) = self.tested.get(&pair) {
            return *known;
        }
        // Assumed while testing, so that recursive shapes end.
        self.tested.insert(pair, true);
        let result = keys_can_combine(&self.signatures[a], &self.signatures[b])
            && self.children_can_combine(a, b);
        self.tested.insert(pair, result);
        result
    }

    fn children_can_combine(&mut self, a: NodeId, b: NodeId) -> bool {
        let (nodes, a, b) = (self.nodes, &self.nodes[a], &self.nodes[b]);
        for &(a_index, a_depth, a_child) in &a.children {
            let key = &a.fields[a_index].0;
            for &(b_index, b_depth, b_child) in &b.children {
                if b_depth != a_depth || b.fields[b_index].0 != *key {
                    continue;
                }
                let empty = nodes[a_child].fields.is_empty() || nodes[b_child].fields.is_empty();
                if !empty && !self.nested_can_combine(a_child, b_child) {
                    return false;
                }
            }
        }
        true
    }
}

/// How many of a signature's rarest keys to index: any signature sharing ¾ of the larger of
/// the two key sets shares one of them.
fn prefix_len(keys: usize) -> usize {
    let (share, of) = OVERLAP;
    keys - (keys * share).div_ceil(of) + 1.min(keys)
}

/// quicktype's test on keys: sizes within ¾ of each other, ¾ of the larger's keys shared, and
/// the shared keys' values of compatible kinds.
fn keys_can_combine(a: &Signature<'_>, b: &Signature<'_>) -> bool {
    let (share, of) = OVERLAP;
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.len() * of < large.len() * share {
        return false;
    }
    let needed = (large.len() * share).div_ceil(of);
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < small.len() && j < large.len() {
        match small[i].0.cmp(large[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if !small[i].1.compatible(&large[j].1) {
                    return false;
                }
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common >= needed
}

/// Combines the objects at the same place in nodes of one class, until nothing changes.
fn congruent(nodes: &[Node<'_>], sets: &mut UnionFind) {
    loop {
        let mut changed = false;
        let mut first: HashMap<(usize, &str, u8), NodeId> = HashMap::new();
        for (id, node) in nodes.iter().enumerate() {
            let parent = sets.find(id);
            for &(index, depth, child) in &node.children {
                let key = (parent, node.fields[index].0.as_str(), depth);
                match first.get(&key) {
                    Some(&other) => changed |= sets.union(other, child),
                    None => {
                        first.insert(key, child);
                    }
                }
            }
        }
        if !changed {
            return;
        }
    }
}

/// Combines nodes with the same keys and kinds whose nested objects are of the same classes
/// (two bodies `{"groups": [...]}` whose groups were combined); whether any were.
fn equal_up_to_classes<'a>(
    nodes: &[Node<'a>],
    signatures: &[Signature<'a>],
    sets: &mut UnionFind,
) -> bool {
    let mut changed = false;
    let mut first: HashMap<(&Signature<'a>, Vec<Child<'a>>), NodeId> = HashMap::new();
    for (id, node) in nodes.iter().enumerate() {
        let mut children: Vec<Child<'_>> = node
            .children
            .iter()
            .map(|&(index, depth, child)| (node.fields[index].0.as_str(), depth, sets.find(child)))
            .collect();
        children.sort_unstable();
        match first.entry((&signatures[id], children)) {
            std::collections::hash_map::Entry::Occupied(other) => {
                changed |= sets.union(*other.get(), id)
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(id);
            }
        }
    }
    changed
}

/// The class of each node, and the nodes of each class: classes ordered by the depth of their
/// shallowest node, then by size, then by their smallest signature; a class's nodes ordered by
/// size (largest first), signature and key order, so its fields follow its largest sample.
fn classes(
    nodes: &[Node<'_>],
    signatures: &[Signature<'_>],
    sets: &mut UnionFind,
) -> (Vec<usize>, Vec<Vec<NodeId>>) {
    let mut members: BTreeMap<NodeId, Vec<NodeId>> = BTreeMap::new();
    for id in 0..nodes.len() {
        members.entry(sets.find(id)).or_default().push(id);
    }
    let node_order = |id: &NodeId| {
        let node = &nodes[*id];
        let keys: Vec<&str> = node.fields.iter().map(|(key, _)| key.as_str()).collect();
        (Reverse(node.fields.len()), &signatures[*id], keys)
    };
    let mut classes: Vec<Vec<NodeId>> = members
        .into_values()
        .map(|mut class| {
            class.sort_by_cached_key(node_order);
            class
        })
        .collect();
    let class_order = |class: &Vec<NodeId>| {
        let depth = class.iter().map(|id| nodes[*id].depth).min();
        let smallest = class.iter().map(|id| &signatures[*id]).min();
        (depth, Reverse(class.len()), smallest)
    };
    classes.sort_by_cached_key(class_order);
    let mut class_of = vec![0; nodes.len()];
    for (class, members) in classes.iter().enumerate() {
        for &id in members {
            class_of[id] = class;
        }
    }
    (class_of, classes)
}

/// Disjoint sets of nodes.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(size: usize) -> Self {
        UnionFind {
            parent: (0..size).collect(),
        }
    }

    fn find(&mut self, mut id: usize) -> usize {
        while self.parent[id] != id {
            self.parent[id] = self.parent[self.parent[id]];
            id = self.parent[id];
        }
        id
    }

    /// Joins the sets of `a` and `b`; whether they were apart. The smaller id represents the
    /// set, so the result does not depend on the order of the unions.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return false;
        }
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        self.parent[high] = low;
        true
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    /// Each sample as the element of a body's array: bodies' own top-level objects are
    /// combined only with the same keys.
    fn shapes(samples: &[Value]) -> Vec<Rc<Shape>> {
        samples
            .iter()
            .map(|s| Rc::new(Shape::of(&json!([s]))))
            .collect()
    }

    fn combined(shapes: &[Rc<Shape>]) -> Combined<'_> {
        Combined::new(&shapes.iter().collect::<Vec<_>>())
    }

    fn class_count(samples: &[Value]) -> usize {
        combined(&shapes(samples)).classes.len()
    }

    #[test]
    fn key_order_does_not_matter() {
        let a = json!({"login": "a", "id": 1, "url": "u"});
        let b = json!({"url": "v", "id": 2, "login": "b"});
        assert_eq!(class_count(&[a, b]), 1);
    }

    #[test]
    fn similar_objects_combine_and_different_ones_do_not() {
        // 4 of 5 keys shared: similar.
        let a = json!({"a": 1, "b": 1, "c": 1, "d": 1, "e": 1});
        let b = json!({"a": 2, "b": 2, "c": 2, "d": 2, "f": "x"});
        assert_eq!(class_count(&[a.clone(), b]), 1);
        // 2 of 4 keys shared: apart.
        let c = json!({"a": 1, "b": 1, "x": 1, "y": 1});
        assert_eq!(class_count(&[a.clone(), c]), 2);
        // Same keys, a value of another kind: apart.
        let d = json!({"a": "one", "b": 1, "c": 1, "d": 1, "e": 1});
        assert_eq!(class_count(&[a.clone(), d]), 2);
        // Integer and float, null and anything: compatible.
        let e = json!({"a": 1.5, "b": null, "c": 1, "d": 1, "e": 1});
        assert_eq!(class_count(&[a, e]), 1);
    }

    #[test]
    fn objects_in_similar_objects_must_be_similar_too() {
        // Two repos whose owners are similar: one repo class, one owner class.
        let owner = |extra: &str| json!({"login": "x", "id": 1, "url": "u", extra: true});
        let a = json!({"id": 1, "name": "a", "full_name": "x/a", "owner": owner("site_admin")});
        let b = json!({"id": 2, "name": "b", "full_name": "y/b", "owner": owner("type")});
        // Search envelopes of the same keys whose items differ: apart, like their items.
        let c = json!({"total_count": 1, "items": [{"login": "x", "id": 1}]});
        let d = json!({"total_count": 1, "items": [{"name": "n", "path": "p"}]});
        // An empty object is like any.
        let e = json!({"id": 3, "name": "c", "full_name": "z/c", "owner": {}});
        let shapes = shapes(&[a, b, c, d, e]);
        let combined = combined(&shapes);
        let repo = combined.root_class(0, 1).unwrap();
        assert_eq!(combined.root_class(1, 1), Some(repo));
        assert_eq!(combined.root_class(4, 1), Some(repo));
        let owner = combined.child(repo, "owner", 0).unwrap();
        assert_ne!(owner, repo);
        assert_ne!(combined.root_class(2, 1), combined.root_class(3, 1));
        assert_eq!(combined.classes.len(), 6);
    }

    #[test]
    fn bodies_are_combined_only_with_the_same_keys() {
        let a = json!({"a": 1, "b": 1, "c": 1, "d": 1, "e": 1});
        let b = json!({"a": 2, "b": 2, "c": 2, "d": 2, "f": "x"});
        let c = json!({"a": 2, "b": null, "c": 2.5, "d": 2, "e": 2});
        let shapes = [a, b, c].map(|v| Rc::new(Shape::of(&v)));
        let combined = combined(&shapes);
        assert_eq!(combined.classes.len(), 2);
        assert_eq!(combined.root_class(0, 0), combined.root_class(2, 0));
    }

    #[test]
    fn the_order_of_roots_does_not_change_the_classes() {
        let samples = [
            json!({"a": 1, "b": 1, "c": 1, "d": 1}),
            json!({"a": 1, "b": 1, "c": 1, "x": 1}),
            json!({"a": 1, "b": 1, "y": 1, "x": 1}),
            json!([{"k": {"a": 1, "b": 1, "c": 1, "d": 1, "z": 1}}]),
        ];
        let forward = shapes(&samples);
        let mut backward = forward.clone();
        backward.reverse();
        let sizes = |shapes: &[Rc<Shape>]| {
            let mut sizes: Vec<usize> = combined(shapes).classes.iter().map(Vec::len).collect();
            sizes.sort();
            sizes
        };
        assert_eq!(sizes(&forward), sizes(&backward));
    }

    #[test]
    fn prefixes_cover_every_similar_pair() {
        assert_eq!(prefix_len(0), 0);
        assert_eq!(prefix_len(1), 1);
        assert_eq!(prefix_len(2), 1);
        assert_eq!(prefix_len(4), 2);
        assert_eq!(prefix_len(8), 3);
    }
}
