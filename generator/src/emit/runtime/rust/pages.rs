//! Pagers: every page of a paginated operation, one request at a time, as a `Stream` (async
//! client) or an `Iterator` (blocking client), and every item of those pages.
//!
//! A generated pager hands [`Pages::new`] the first query, a `fetch` that sends one request for a
//! [`Cursor`], and an `advance` that moves the cursor past the page it got (a token, a link,
//! a page number or an offset) and says whether there is another page. The helpers below are
//! the ways to advance; none of them repeats a request it already sent, so a server that
//! answers the same token or link again ends the pages rather than looping.

use super::*;

/// Where the next page comes from: the operation's query, with its paging parameter moved
/// on, or a link the last page gave (a `Link: <…>; rel="next"` header or a `next` field).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cursor<Q> {
    /// The query of the next request.
    pub(crate) query: Q,
    /// The URL of the next page, when the API links pages rather than taking a parameter.
    pub(crate) link: ::std::option::Option<::std::string::String>,
    /// Items seen so far, for a total of items.
    pub(crate) seen: u64,
}

/// Moves a cursor past a page; `false` when that page was the last.
pub(crate) type Advance<Q, T> = fn(&mut Cursor<Q>, &Response<T>) -> bool;

/// The response of a page's request: a boxed future (async client) or the response itself
/// (blocking client).
#[cfg(not(feature = "blocking"))]
type Fetched<'a, T, E> = ::std::pin::Pin<
    ::std::boxed::Box<
        dyn ::std::future::Future<Output = ::std::result::Result<Response<T>, Error<E>>>
            + ::std::marker::Send
            + 'a,
    >,
>;
#[cfg(feature = "blocking")]
type Fetched<'a, T, E> = ::std::result::Result<Response<T>, Error<E>>;

/// Sends the request of a cursor with the client. The client is an argument, not captured:
/// proving a closure that holds `&Client` is `Send` costs rustc a few milliseconds a pager
/// (github-v3: 0.4 s of `cargo check`), a closure that holds `&str`s next to nothing.
type Fetch<'a, Q, T, E> = ::std::boxed::Box<
    dyn ::std::ops::FnMut(&'a Client, &Cursor<Q>) -> Fetched<'a, T, E> + ::std::marker::Send + 'a,
>;

/// Every page of a paginated operation, one request at a time, as its `_pages` method gives
/// them: a `Stream` of each page's response (an `Iterator` with the blocking client). Ends after
/// the last page, or after the first error (which it yields).
///
/// A named type rather than an `impl Stream`, so it can be kept in a struct field; it is `Send`
/// as its operation's future is.
#[must_use = "pages are requested only as they are polled"]
pub struct Pages<'a, Q, T, E> {
    client: &'a Client,
    /// The cursor of the next request; `None` after the last page or an error.
    next: ::std::option::Option<Cursor<Q>>,
    /// The request on its way, with its cursor.
    #[cfg(not(feature = "blocking"))]
    in_flight: ::std::option::Option<(Cursor<Q>, Fetched<'a, T, E>)>,
    fetch: Fetch<'a, Q, T, E>,
    advance: Advance<Q, T>,
}

impl<'a, Q, T, E> Pages<'a, Q, T, E> {
    /// Every page, from `query` on: `fetch` sends the request of a cursor with `client`,
    /// `advance` finds the next one.
    #[cfg(not(feature = "blocking"))]
    pub(crate) fn new<F, Fut>(
        client: &'a Client,
        query: Q,
        mut fetch: F,
        advance: Advance<Q, T>,
    ) -> Self
    where
        F: ::std::ops::FnMut(&'a Client, &Cursor<Q>) -> Fut + ::std::marker::Send + 'a,
        Fut: ::std::future::Future<Output = ::std::result::Result<Response<T>, Error<E>>>
            + ::std::marker::Send
            + 'a,
    {
        Pages {
            client,
            next: ::std::option::Option::Some(Cursor::first(query)),
            in_flight: ::std::option::Option::None,
            fetch: ::std::boxed::Box::new(move |client, cursor| -> Fetched<'a, T, E> {
                ::std::boxed::Box::pin(fetch(client, cursor))
            }),
            advance,
        }
    }

    /// Every page, from `query` on: `fetch` sends the request of a cursor with `client`,
    /// `advance` finds the next one.
    #[cfg(feature = "blocking")]
    pub(crate) fn new<F>(client: &'a Client, query: Q, fetch: F, advance: Advance<Q, T>) -> Self
    where
        F: ::std::ops::FnMut(&'a Client, &Cursor<Q>) -> Fetched<'a, T, E>
            + ::std::marker::Send
            + 'a,
    {
        Pages {
            client,
            next: ::std::option::Option::Some(Cursor::first(query)),
            fetch: ::std::boxed::Box::new(fetch),
            advance,
        }
    }
}

// No field is pinned: the request on its way is boxed.
#[cfg(not(feature = "blocking"))]
impl<Q, T, E> ::std::marker::Unpin for Pages<'_, Q, T, E> {}

#[cfg(not(feature = "blocking"))]
impl<Q: ::std::clone::Clone + ::std::cmp::PartialEq, T, E> ::futures_util::Stream
    for Pages<'_, Q, T, E>
{
    type Item = ::std::result::Result<Response<T>, Error<E>>;

    fn poll_next(
        self: ::std::pin::Pin<&mut Self>,
        context: &mut ::std::task::Context<'_>,
    ) -> ::std::task::Poll<::std::option::Option<Self::Item>> {
        let this = self.get_mut();
        let (cursor, mut fetched) = match this.in_flight.take() {
            ::std::option::Option::Some(in_flight) => in_flight,
            ::std::option::Option::None => match this.next.take() {
                ::std::option::Option::Some(cursor) => {
                    let fetched = (this.fetch)(this.client, &cursor);
                    (cursor, fetched)
                }
                ::std::option::Option::None => {
                    return ::std::task::Poll::Ready(::std::option::Option::None);
                }
            },
        };
        match ::std::future::Future::poll(fetched.as_mut(), context) {
            ::std::task::Poll::Pending => {
                this.in_flight = ::std::option::Option::Some((cursor, fetched));
                ::std::task::Poll::Pending
            }
            ::std::task::Poll::Ready(page) => {
                if let ::std::result::Result::Ok(page) = &page {
                    this.next = cursor.advanced(this.advance, page);
                }
                ::std::task::Poll::Ready(::std::option::Option::Some(page))
            }
        }
    }
}

#[cfg(feature = "blocking")]
impl<Q: ::std::clone::Clone + ::std::cmp::PartialEq, T, E> ::std::iter::Iterator
    for Pages<'_, Q, T, E>
{
    type Item = ::std::result::Result<Response<T>, Error<E>>;

    fn next(&mut self) -> ::std::option::Option<Self::Item> {
        let cursor = self.next.take()?;
        let page = (self.fetch)(self.client, &cursor);
        if let ::std::result::Result::Ok(page) = &page {
            self.next = cursor.advanced(self.advance, page);
        }
        ::std::option::Option::Some(page)
    }
}

impl<Q, T, E> ::std::fmt::Debug for Pages<'_, Q, T, E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Pages")
            .field("done", &self.next.is_none())
            .finish_non_exhaustive()
    }
}

/// Every item of every page of a paginated operation, as its `_items` method gives them: a
/// `Stream` (an `Iterator` with the blocking client) of the items of each page of [`Pages`] in
/// turn. An error ends the items.
#[must_use = "pages are requested only as items are polled"]
pub struct Items<'a, Q, T, I, E> {
    pages: Pages<'a, Q, T, E>,
    /// Takes a page's body apart.
    take: fn(T) -> ::std::vec::Vec<I>,
    /// The items of the current page not given yet.
    current: ::std::vec::IntoIter<I>,
}

impl<'a, Q, T, I, E> Items<'a, Q, T, I, E> {
    /// Every item of `pages`: `take` takes a page's body apart.
    pub(crate) fn new(pages: Pages<'a, Q, T, E>, take: fn(T) -> ::std::vec::Vec<I>) -> Self {
        Items {
            pages,
            take,
            current: ::std::vec::Vec::new().into_iter(),
        }
    }
}

#[cfg(not(feature = "blocking"))]
impl<Q, T, I, E> ::std::marker::Unpin for Items<'_, Q, T, I, E> {}

#[cfg(not(feature = "blocking"))]
impl<Q: ::std::clone::Clone + ::std::cmp::PartialEq, T, I, E> ::futures_util::Stream
    for Items<'_, Q, T, I, E>
{
    type Item = ::std::result::Result<I, Error<E>>;

    fn poll_next(
        self: ::std::pin::Pin<&mut Self>,
        context: &mut ::std::task::Context<'_>,
    ) -> ::std::task::Poll<::std::option::Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let ::std::option::Option::Some(item) = this.current.next() {
                return ::std::task::Poll::Ready(::std::option::Option::Some(
                    ::std::result::Result::Ok(item),
                ));
            }
            let page = match ::futures_util::Stream::poll_next(
                ::std::pin::Pin::new(&mut this.pages),
                context,
            ) {
                ::std::task::Poll::Ready(::std::option::Option::Some(page)) => page,
                ::std::task::Poll::Ready(::std::option::Option::None) => {
                    return ::std::task::Poll::Ready(::std::option::Option::None);
                }
                ::std::task::Poll::Pending => return ::std::task::Poll::Pending,
            };
            match page {
                ::std::result::Result::Ok(page) => {
                    this.current = (this.take)(page.into_inner()).into_iter()
                }
                ::std::result::Result::Err(error) => {
                    return ::std::task::Poll::Ready(::std::option::Option::Some(
                        ::std::result::Result::Err(error),
                    ));
                }
            }
        }
    }
}

#[cfg(feature = "blocking")]
impl<Q: ::std::clone::Clone + ::std::cmp::PartialEq, T, I, E> ::std::iter::Iterator
    for Items<'_, Q, T, I, E>
{
    type Item = ::std::result::Result<I, Error<E>>;

    fn next(&mut self) -> ::std::option::Option<Self::Item> {
        loop {
            if let ::std::option::Option::Some(item) = self.current.next() {
                return ::std::option::Option::Some(::std::result::Result::Ok(item));
            }
            match self.pages.next()? {
                ::std::result::Result::Ok(page) => {
                    self.current = (self.take)(page.into_inner()).into_iter()
                }
                ::std::result::Result::Err(error) => {
                    return ::std::option::Option::Some(::std::result::Result::Err(error));
                }
            }
        }
    }
}

impl<Q, T, I, E> ::std::fmt::Debug for Items<'_, Q, T, I, E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("left_on_page", &self.current.len())
            .finish_non_exhaustive()
    }
}

impl<Q> Cursor<Q> {
    fn first(query: Q) -> Self {
        Cursor {
            query,
            link: ::std::option::Option::None,
            seen: 0,
        }
    }
}

impl<Q: ::std::clone::Clone + ::std::cmp::PartialEq> Cursor<Q> {
    /// The cursor past `page`, unless that was the last page. An advance that changes nothing
    /// (the same query, the same link, no items counted) would ask for the same page again:
    /// that ends the pages too, whatever the server answers.
    fn advanced<T>(
        mut self,
        advance: Advance<Q, T>,
        page: &Response<T>,
    ) -> ::std::option::Option<Self> {
        let before = (self.query.clone(), self.link.clone());
        let seen = self.seen;
        let more = advance(&mut self, page);
        let moved = (&self.query, &self.link) != (&before.0, &before.1) || self.seen != seen;
        (more && moved).then_some(self)
    }
}

/// A response field with a token or a link: the types inference gives one (`String`,
/// `Option<String>`, any JSON value).
pub(crate) trait PageText {
    /// The text; `None` when absent.
    fn text(&self) -> ::std::option::Option<&str>;
}

impl PageText for ::std::string::String {
    fn text(&self) -> ::std::option::Option<&str> {
        ::std::option::Option::Some(self)
    }
}

impl PageText for ::serde_json::Value {
    fn text(&self) -> ::std::option::Option<&str> {
        self.as_str()
    }
}

impl<V: PageText> PageText for ::std::option::Option<V> {
    fn text(&self) -> ::std::option::Option<&str> {
        self.as_ref()?.text()
    }
}

impl<V: PageText + ?::std::marker::Sized> PageText for &V {
    fn text(&self) -> ::std::option::Option<&str> {
        (**self).text()
    }
}

/// A response field with a number of pages or items: the types inference gives one (`i64`,
/// `u64`, `String`, `Option<…>`, any JSON value).
pub(crate) trait PageCount {
    /// The number; `None` when absent or not a whole number.
    fn count(&self) -> ::std::option::Option<u64>;
}

impl PageCount for i64 {
    fn count(&self) -> ::std::option::Option<u64> {
        u64::try_from(*self).ok()
    }
}

impl PageCount for u64 {
    fn count(&self) -> ::std::option::Option<u64> {
        ::std::option::Option::Some(*self)
    }
}

impl PageCount for ::std::string::String {
    fn count(&self) -> ::std::option::Option<u64> {
        self.trim().parse().ok()
    }
}

impl PageCount for ::serde_json::Value {
    fn count(&self) -> ::std::option::Option<u64> {
        self.as_u64()
            .or_else(|| self.as_str().and_then(|text| text.trim().parse().ok()))
    }
}

impl<V: PageCount> PageCount for ::std::option::Option<V> {
    fn count(&self) -> ::std::option::Option<u64> {
        self.as_ref()?.count()
    }
}

impl<V: PageCount + ?::std::marker::Sized> PageCount for &V {
    fn count(&self) -> ::std::option::Option<u64> {
        (**self).count()
    }
}

/// A query parameter a pager sets: `Option<String>`, or `String` when required.
pub(crate) trait QueryParam {
    /// The value it sends; `None` when it sends none.
    fn value(&self) -> ::std::option::Option<&str>;
    /// Sends `value`.
    fn set(&mut self, value: ::std::string::String);
}

/// The number `param` sends, or `default` when it sends none (or no number).
pub(crate) fn number(param: &impl QueryParam, default: u64) -> u64 {
    param
        .value()
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(default)
}

impl QueryParam for ::std::option::Option<::std::string::String> {
    fn value(&self) -> ::std::option::Option<&str> {
        self.as_deref()
    }
    fn set(&mut self, value: ::std::string::String) {
        *self = ::std::option::Option::Some(value);
    }
}

impl QueryParam for ::std::string::String {
    fn value(&self) -> ::std::option::Option<&str> {
        ::std::option::Option::Some(self)
    }
    fn set(&mut self, value: ::std::string::String) {
        *self = value;
    }
}

/// The array of a page a pager counts: `Vec<T>`, or `Option<Vec<T>>` when it may be left out.
pub(crate) trait PageItems {
    /// How many items the page holds.
    fn item_count(&self) -> usize;
}

impl<T> PageItems for ::std::vec::Vec<T> {
    fn item_count(&self) -> usize {
        self.len()
    }
}

impl<T> PageItems for ::std::option::Option<::std::vec::Vec<T>> {
    fn item_count(&self) -> usize {
        self.as_ref().map_or(0, ::std::vec::Vec::len)
    }
}

/// A page token: sends `token` as `param` next; `false` when the page gave none, an empty one,
/// or the one just sent.
pub(crate) fn next_token(param: &mut impl QueryParam, token: &impl PageText) -> bool {
    match token.text().filter(|token| !token.is_empty()) {
        ::std::option::Option::Some(token)
            if param.value() != ::std::option::Option::Some(token) =>
        {
            param.set(token.to_owned());
            true
        }
        _ => false,
    }
}

/// A link in the body (`next`, `nextLink`, `@odata.nextLink`): follows `link` next; `false`
/// when the page gave none, an empty one, or the one just followed.
pub(crate) fn next_link(
    cursor: &mut ::std::option::Option<::std::string::String>,
    link: &impl PageText,
) -> bool {
    follow(cursor, link.text())
}

/// A `Link: <…>; rel="next"` header: follows its URL next; `false` without one.
pub(crate) fn next_link_header(
    cursor: &mut ::std::option::Option<::std::string::String>,
    headers: &::reqwest::header::HeaderMap,
) -> bool {
    let next = headers
        .get_all(::reqwest::header::LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(rel_next);
    follow(cursor, next)
}

fn follow(
    cursor: &mut ::std::option::Option<::std::string::String>,
    link: ::std::option::Option<&str>,
) -> bool {
    match link.map(str::trim).filter(|link| !link.is_empty()) {
        ::std::option::Option::Some(link)
            if cursor.as_deref() != ::std::option::Option::Some(link) =>
        {
            *cursor = ::std::option::Option::Some(link.to_owned());
            true
        }
        _ => false,
    }
}

/// The `rel="next"` URL of a `Link` header value (RFC 8288): `<url>; rel="next", <…>; …`.
fn rel_next(value: &str) -> ::std::option::Option<&str> {
    value.split(',').find_map(|link| {
        let (target, params) = link.trim().split_once(';')?;
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        params
            .split(';')
            .filter_map(|param| param.trim().split_once('='))
            .any(|(name, value)| {
                name.trim().eq_ignore_ascii_case("rel")
                    && value
                        .trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|rel| rel.eq_ignore_ascii_case("next"))
            })
            .then_some(target)
    })
}

/// The URL of a link a page gave, resolved against `base` (a link may be relative); a link to
/// another origin is refused, since the request would carry the client's credentials there.
pub(crate) fn link_url<E>(
    base: &str,
    link: &str,
) -> ::std::result::Result<::std::string::String, Error<E>> {
    let refuse = |why: &str| {
        Error::InvalidRequest(::std::format!(
            "the next page's link cannot be followed: {why}"
        ))
    };
    let base = ::reqwest::Url::parse(&::std::format!("{}/", base.trim_end_matches('/')))
        .map_err(|_| refuse("the base URL is not a URL"))?;
    let url = base.join(link).map_err(|_| refuse("it is not a URL"))?;
    if url.origin() != base.origin() {
        return ::std::result::Result::Err(refuse("it leads to another host than the base URL"));
    }
    ::std::result::Result::Ok(url.into())
}

/// What a page says about how many there are, for pagers by page number or offset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Progress {
    /// The items on this page.
    pub(crate) items: usize,
    /// The number of pages, when the page gives it.
    pub(crate) pages: ::std::option::Option<u64>,
    /// The number of items, when the page gives it.
    pub(crate) total: ::std::option::Option<u64>,
}

/// A page number: sends the next number as `param`; `false` after an empty page, the last
/// page or the last item. The first page is 1 unless the caller set another.
pub(crate) fn next_page(param: &mut impl QueryParam, seen: &mut u64, progress: Progress) -> bool {
    *seen += progress.items as u64;
    let page = number(param, 1);
    let more = progress.items > 0
        && progress.pages.is_none_or(|pages| page < pages)
        && progress.total.is_none_or(|total| *seen < total);
    if more {
        param.set((page + 1).to_string());
    }
    more
}

/// An offset: sends the offset past this page's `items` as `param`; `false` after an empty
/// page or the last item (`total`, when the page gives it).
pub(crate) fn next_offset(
    param: &mut impl QueryParam,
    items: usize,
    total: ::std::option::Option<u64>,
) -> bool {
    let next = number(param, 0) + items as u64;
    let more = items > 0 && total.is_none_or(|total| next < total);
    if more {
        param.set(next.to_string());
    }
    more
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_moves_on_until_it_is_empty_absent_or_repeated() {
        let mut param: Option<String> = None;
        assert!(next_token(&mut param, &Some("t2".to_owned())));
        assert_eq!(param.as_deref(), Some("t2"));
        assert!(!next_token(&mut param, &Some("t2".to_owned())));
        assert!(!next_token(&mut param, &String::new()));
        assert!(!next_token(&mut param, &None::<String>));
        assert!(next_token(&mut param, &serde_json::json!("t3")));
        assert_eq!(param.as_deref(), Some("t3"));
    }

    #[test]
    fn the_next_link_of_a_link_header_is_found_among_others() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::LINK,
            r#"<https://api.example.com/x?page=3>; rel="next", <https://api.example.com/x?page=9>; rel="last""#
                .parse()
                .unwrap(),
        );
        let mut link = None;
        assert!(next_link_header(&mut link, &headers));
        assert_eq!(link.as_deref(), Some("https://api.example.com/x?page=3"));
        assert!(
            !next_link_header(&mut link, &headers),
            "the same link again"
        );
        assert!(!next_link_header(
            &mut link,
            &reqwest::header::HeaderMap::new()
        ));
        assert_eq!(rel_next(r#"<a>; rel="prev next""#), Some("a"));
        assert_eq!(rel_next(r#"<a>; rel="last""#), None);
        assert_eq!(rel_next("aliquip sint"), None);
    }

    #[test]
    fn a_link_resolves_against_the_base_and_stays_on_its_host() {
        let url = link_url::<()>("http://127.0.0.1:8/v2", "/v2/users?page=2").unwrap();
        assert_eq!(url, "http://127.0.0.1:8/v2/users?page=2");
        let url = link_url::<()>("http://127.0.0.1:8/v2", "http://127.0.0.1:8/v2/u?c=1").unwrap();
        assert_eq!(url, "http://127.0.0.1:8/v2/u?c=1");
        match link_url::<()>("http://127.0.0.1:8/v2", "https://evil.example/steal") {
            Err(Error::InvalidRequest(message)) => assert!(message.contains("another host")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn page_numbers_stop_at_an_empty_page_the_last_page_or_the_total() {
        let (mut page, mut seen) = (None::<String>, 0);
        let progress = |items, pages, total| Progress {
            items,
            pages,
            total,
        };
        assert!(next_page(&mut page, &mut seen, progress(2, Some(3), None)));
        assert_eq!(page.as_deref(), Some("2"));
        assert!(next_page(&mut page, &mut seen, progress(2, Some(3), None)));
        assert!(!next_page(&mut page, &mut seen, progress(2, Some(3), None)));
        assert_eq!(page.as_deref(), Some("3"));

        let (mut page, mut seen) = (String::from("1"), 0);
        assert!(next_page(&mut page, &mut seen, progress(2, None, Some(3))));
        assert!(!next_page(&mut page, &mut seen, progress(1, None, Some(3))));
        assert!(!next_page(
            &mut None::<String>,
            &mut 0,
            progress(0, None, None)
        ));
    }

    #[test]
    fn offsets_move_past_the_items_until_the_total() {
        let mut offset = None::<String>;
        assert!(next_offset(&mut offset, 2, Some(5)));
        assert_eq!(offset.as_deref(), Some("2"));
        assert!(next_offset(&mut offset, 2, Some(5)));
        assert!(!next_offset(&mut offset, 1, Some(5)));
        assert!(!next_offset(&mut None::<String>, 0, None));
    }

    #[cfg(not(feature = "blocking"))]
    #[test]
    fn pages_stop_after_the_last_one_and_items_flatten_them() {
        use futures_util::{StreamExt, TryStreamExt};
        let client = Client::for_tests();
        let fetch = |_: &Client, cursor: &Cursor<Option<String>>| {
            let n: u64 = number(&cursor.query, 1);
            async move {
                Ok::<_, Error<()>>(Response::new(
                    200,
                    Default::default(),
                    vec![n * 10, n * 10 + 1],
                ))
            }
        };
        let advance: Advance<Option<String>, Vec<u64>> = |cursor, page| {
            let more = number(&cursor.query, 1) < 3;
            more && next_page(
                &mut cursor.query,
                &mut cursor.seen,
                Progress {
                    items: page.len(),
                    ..Progress::default()
                },
            )
        };
        let all: Vec<u64> = futures_executor::block_on(
            Items::new(Pages::new(&client, None, fetch, advance), |body| body).try_collect(),
        )
        .unwrap();
        assert_eq!(all, [10, 11, 20, 21, 30, 31]);
        let count = futures_executor::block_on(Pages::new(&client, None, fetch, advance).count());
        assert_eq!(count, 3);
    }

    #[cfg(feature = "blocking")]
    #[test]
    fn pages_stop_after_the_last_one_and_items_flatten_them() {
        let client = Client::for_tests();
        let fetch = |_: &Client, cursor: &Cursor<Option<String>>| {
            let n: u64 = number(&cursor.query, 1);
            Ok::<_, Error<()>>(Response::new(
                200,
                Default::default(),
                vec![n * 10, n * 10 + 1],
            ))
        };
        let advance: Advance<Option<String>, Vec<u64>> = |cursor, page| {
            let more = number(&cursor.query, 1) < 3;
            more && next_page(
                &mut cursor.query,
                &mut cursor.seen,
                Progress {
                    items: page.len(),
                    ..Progress::default()
                },
            )
        };
        let all: Result<Vec<u64>, _> =
            Items::new(Pages::new(&client, None, fetch, advance), |body| body).collect();
        assert_eq!(all.unwrap(), [10, 11, 20, 21, 30, 31]);
        assert_eq!(Pages::new(&client, None, fetch, advance).count(), 3);
    }

    #[test]
    fn an_advance_that_changes_nothing_ends_the_pages() {
        let client = Client::for_tests();
        let fetch = |_: &Client, _: &Cursor<Option<String>>| {
            let page = Ok::<_, Error<()>>(Response::new(200, Default::default(), vec![1u8]));
            #[cfg(not(feature = "blocking"))]
            return async move { page };
            #[cfg(feature = "blocking")]
            return page;
        };
        // Says "more" but asks for the same page: a server that repeats its token.
        let pages = Pages::new(&client, None, fetch, |_, _| true);
        #[cfg(not(feature = "blocking"))]
        let count = futures_executor::block_on(futures_util::StreamExt::count(pages));
        #[cfg(feature = "blocking")]
        let count = pages.count();
        assert_eq!(count, 1);
    }

    #[test]
    fn an_error_ends_the_pages() {
        let client = Client::for_tests();
        let fetch = |_: &Client, _: &Cursor<()>| {
            let page: Result<Response<Vec<u8>>, Error<()>> =
                Err(Error::InvalidRequest("down".to_owned()));
            #[cfg(not(feature = "blocking"))]
            return async move { page };
            #[cfg(feature = "blocking")]
            return page;
        };
        let pages = Pages::new(&client, (), fetch, |_, _| true);
        #[cfg(not(feature = "blocking"))]
        let pages: Vec<_> = futures_executor::block_on(futures_util::StreamExt::collect(pages));
        #[cfg(feature = "blocking")]
        let pages: Vec<_> = pages.collect();
        assert_eq!(pages.len(), 1);
        assert!(matches!(pages[0], Err(Error::InvalidRequest(_))));
    }

    #[test]
    fn items_stop_at_an_error_after_the_items_before_it() {
        let client = Client::for_tests();
        // Page 1 has two items; page 2 fails.
        let fetch = |_: &Client, cursor: &Cursor<Option<String>>| {
            let page = match number(&cursor.query, 1) {
                1 => Ok(Response::new(200, Default::default(), vec![1u64, 2])),
                _ => Err(Error::<()>::InvalidRequest("down".to_owned())),
            };
            #[cfg(not(feature = "blocking"))]
            return async move { page };
            #[cfg(feature = "blocking")]
            return page;
        };
        let advance: Advance<Option<String>, Vec<u64>> = |cursor, _| {
            cursor.query = Some("2".to_owned());
            true
        };
        let items = Items::new(Pages::new(&client, None, fetch, advance), |body| body);
        #[cfg(not(feature = "blocking"))]
        let items: Vec<_> = futures_executor::block_on(futures_util::StreamExt::collect(items));
        #[cfg(feature = "blocking")]
        let items: Vec<_> = items.collect();
        assert_eq!(items.len(), 3, "{items:?}");
        assert!(matches!(items[..2], [Ok(1), Ok(2)]));
        assert!(matches!(items[2], Err(Error::InvalidRequest(_))));
    }

    /// `Pages` and `Items` are named types a caller can keep, and `Send` when their query and
    /// items are: a pager can be moved into a spawned task.
    #[test]
    fn pages_and_items_are_send() {
        fn sendable<S: Send>(value: S) -> S {
            value
        }
        let client = Client::for_tests();
        let fetch = |_: &Client, _: &Cursor<()>| {
            let page = Ok::<_, Error<()>>(Response::new(200, Default::default(), vec![7u8]));
            #[cfg(not(feature = "blocking"))]
            return async move { page };
            #[cfg(feature = "blocking")]
            return page;
        };
        let pages: Pages<'_, (), Vec<u8>, ()> =
            sendable(Pages::new(&client, (), fetch, |_, _| false));
        let items: Items<'_, (), Vec<u8>, u8, ()> = sendable(Items::new(pages, |body| body));
        #[cfg(not(feature = "blocking"))]
        let items: Vec<_> = futures_executor::block_on(futures_util::StreamExt::collect(items));
        #[cfg(feature = "blocking")]
        let items: Vec<_> = items.collect();
        assert!(matches!(items[..], [Ok(7)]));
    }
}
