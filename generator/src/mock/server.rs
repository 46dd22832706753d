//! The HTTP side: a hyper HTTP/1 server on a tokio listener, one task per connection, stopped
//! gracefully (in-flight requests finish, for a few seconds at most).

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::overrides::Overrides;
use crate::{Warning, load};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::Error;
use super::respond::{Reply, Wanted};
use super::table::Mock;

/// How long a shutdown waits for requests in flight.
const DRAIN: Duration = Duration::from_secs(5);

/// Where the mock listens and what it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockOptions {
    /// The address to bind; default `127.0.0.1`. Only what the caller asks is bound.
    pub bind: IpAddr,
    /// The port; `0` (the default) lets the system pick a free one, see [`RunningMock::addr`].
    pub port: u16,
    /// Print one line per request to stderr: method, path, status, and the example served.
    pub log: bool,
    /// An overrides file (TOML): the items it skips or leaves out of `keep_folders` are not
    /// served, so the mock has the operations of a client generated with the same file. See
    /// [`Mock::from_collection_with`].
    pub overrides: Option<PathBuf>,
}

impl Default for MockOptions {
    fn default() -> Self {
        Self {
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            log: false,
            overrides: None,
        }
    }
}

/// Starts mock servers.
#[derive(Debug)]
pub struct MockServer;

impl MockServer {
    /// Loads the collection at `collection` (and the overrides file, when given) and serves it.
    /// Must run inside a tokio runtime; the server runs on that runtime until
    /// [`RunningMock::shutdown`] or drop.
    pub async fn start(collection: &Path, options: MockOptions) -> Result<RunningMock, Error> {
        // The settings first: a typo in them should not wait for a large collection to load.
        let overrides = match &options.overrides {
            Some(path) => Overrides::load(path)?,
            None => Overrides::default(),
        };
        let (collection, mut warnings) = load::load_path(collection)?;
        let (mock, more) = Mock::from_collection_with(&collection, &overrides)?;
        warnings.extend(more);
        let mut running = Self::start_mock(mock, options).await?;
        running.warnings = warnings;
        Ok(running)
    }

    /// Serves routes already built (e.g. with [`Mock::from_collection`]).
    pub async fn start_mock(mock: Mock, options: MockOptions) -> Result<RunningMock, Error> {
        let wanted = SocketAddr::new(options.bind, options.port);
        let listener = TcpListener::bind(wanted)
            .await
            .map_err(|source| Error::Bind {
                addr: wanted,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| Error::Bind {
            addr: wanted,
            source,
        })?;
        let routes = mock.routes().len();
        let base_path = mock.base_path();
        let (shutdown, stop) = oneshot::channel();
        let task = tokio::spawn(accept_loop(listener, Arc::new(mock), options.log, stop));
        Ok(RunningMock {
            addr,
            routes,
            base_path,
            warnings: Vec::new(),
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }
}

/// A mock server that is running. Dropping it stops the server without waiting.
#[derive(Debug)]
pub struct RunningMock {
    addr: SocketAddr,
    routes: usize,
    base_path: String,
    warnings: Vec<Warning>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningMock {
    /// The address listened on, with the actual port when 0 was asked.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`, the base URL to give a client (`Client::new(mock.url())`); the base URL's
    /// path (`/v2`) may be appended or not.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many routes (request items) are served.
    pub fn route_count(&self) -> usize {
        self.routes
    }

    /// The path of the collection's base URL (`/v2`), under which the routes are also served;
    /// empty when there is none.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The loader's and the mock's warnings (empty after [`MockServer::start_mock`]).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Stops accepting connections and waits (a few seconds at most) for requests in flight.
    pub async fn shutdown(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            // A panic in the accept loop would be a bug; there is nothing left to clean up.
            let _ = task.await;
        }
    }
}

impl Drop for RunningMock {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// Runs the mock until Ctrl-C, on a runtime of its own: the entry point for the command line.
/// `on_ready` is called once listening, e.g. to print [`RunningMock::url`] and the warnings.
pub fn serve(
    collection: &Path,
    options: MockOptions,
    on_ready: impl FnOnce(&RunningMock),
) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    runtime.block_on(async {
        let running = MockServer::start(collection, options).await?;
        on_ready(&running);
        tokio::signal::ctrl_c().await.map_err(Error::Runtime)?;
        running.shutdown().await;
        Ok(())
    })
}

async fn accept_loop(
    listener: TcpListener,
    mock: Arc<Mock>,
    log: bool,
    mut stop: oneshot::Receiver<()>,
) {
    let graceful = GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(_) => {
                        // Out of file descriptors and the like: retrying at once would spin.
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let mock = Arc::clone(&mock);
                let service = service_fn(move |request| {
                    let mock = Arc::clone(&mock);
                    async move { Ok::<_, Infallible>(handle(&mock, log, request).await) }
                });
                let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    // A client that hangs up mid-request is its own business.
                    let _ = connection.await;
                });
            }
            _ = &mut stop => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
}

async fn handle(mock: &Mock, log: bool, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let (parts, mut body) = request.into_parts();
    // Read the request body to its end (keeping none of it) so that the connection can serve the
    // next request; the examples do not depend on it.
    while let Some(frame) = body.frame().await {
        if frame.is_err() {
            break;
        }
    }
    let path = parts.uri.path();
    let reply = match Wanted::from_headers(&parts.headers) {
        Ok(wanted) => mock.respond(parts.method.as_str(), path, &wanted),
        Err(reply) => reply,
    };
    if log {
        let what = reply.served.as_deref().unwrap_or("mock error");
        eprintln!("{} {path} → {} {what}", parts.method, reply.status);
    }
    response(reply)
}

fn response(reply: Reply) -> Response<Full<Bytes>> {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    // hyper itself sends no body for HEAD, 204 and 304 (HTTP forbids one), so the `{}` that
    // collections save for a 204 never reaches the client.
    let mut response = Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = status;
    for (name, value) in reply.headers {
        // Validated when the routes were built; a failure here would only drop the header.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}
