//! `Response<T>`: what every call returns on success, the decoded body with the status and
//! headers it came with.

/// A success response: the body decoded as `T`, with the status and headers it came with.
///
/// It derefs to `T`, so `response.field` and `response.iter()` reach the body directly;
/// [`Response::into_inner`] takes the body out. Pagination links, rate limits, an `ETag`, a
/// request id: [`Response::headers`] has them.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    status: u16,
    headers: ::reqwest::header::HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// A response of `status` with `headers` whose body decoded as `body`.
    pub(crate) fn new(status: u16, headers: ::reqwest::header::HeaderMap, body: T) -> Self {
        Response {
            status,
            headers,
            body,
        }
    }

    /// The HTTP status, e.g. `200` or `201`.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &::reqwest::header::HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// The status, the headers and the decoded body.
    pub fn into_parts(self) -> (u16, ::reqwest::header::HeaderMap, T) {
        (self.status, self.headers, self.body)
    }

    /// The same response with its body turned into another value.
    pub fn map<U>(self, f: impl ::std::ops::FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }
}

impl<T> ::std::ops::Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T> ::std::ops::DerefMut for Response<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response() -> Response<Vec<u8>> {
        let mut headers = ::reqwest::header::HeaderMap::new();
        headers.insert("etag", "\"v1\"".parse().unwrap());
        Response::new(201, headers, vec![1, 2])
    }

    #[test]
    fn the_body_is_reached_through_deref() {
        let mut response = response();
        assert_eq!(response.len(), 2);
        response.push(3);
        assert_eq!(response.status(), 201);
        assert_eq!(response.headers()["etag"], "\"v1\"");
        assert_eq!(response.into_inner(), [1, 2, 3]);
    }

    #[test]
    fn map_keeps_status_and_headers() {
        let (status, headers, body) = response().map(|body| body.len()).into_parts();
        assert_eq!((status, body), (201, 2));
        assert_eq!(headers["etag"], "\"v1\"");
    }
}
