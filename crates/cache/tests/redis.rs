//! The Redis cache against a real Redis (127.0.0.1:6379, or REDIS_URL), and
//! its fallback when Redis is unreachable.

use std::time::Duration;

use qr_event_cache::{Cache, RedisCache};

fn url() -> String {
    std::env::var("QR_EVENT_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

async fn redis_available() -> Option<RedisCache> {
    let cache = RedisCache::new(&url()).expect("valid URL");
    if cache.healthy().await {
        return Some(cache);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true but Redis is not reachable at {}", url());
    }
    eprintln!("Redis not reachable; skipping");
    None
}

fn key(name: &str) -> String {
    format!("test:{}:{name}", uuid_like())
}

fn uuid_like() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{nanos:x}-{}", std::process::id())
}

#[tokio::test]
async fn values_and_counters_are_shared_between_instances() {
    let Some(a) = redis_available().await else {
        return;
    };
    let b = RedisCache::new(&url()).unwrap();
    let k = key("value");
    a.set(&k, "hello", Duration::from_secs(30)).await;
    assert_eq!(
        b.get(&k).await.as_deref(),
        Some("hello"),
        "another instance sees it"
    );
    b.delete(&k).await;
    assert_eq!(a.get(&k).await, None);

    let c = key("counter");
    let (n1, ttl) = a.incr(&c, Duration::from_secs(60)).await;
    let (n2, _) = b.incr(&c, Duration::from_secs(60)).await;
    assert_eq!((n1, n2), (1, 2), "one counter across instances");
    assert!(
        ttl <= Duration::from_secs(60) && ttl > Duration::from_secs(50),
        "{ttl:?}"
    );
    assert_eq!(a.backend(), "redis");
}

#[tokio::test]
async fn entries_expire() {
    let Some(a) = redis_available().await else {
        return;
    };
    let k = key("short");
    a.set(&k, "x", Duration::from_millis(1100)).await;
    assert!(a.get(&k).await.is_some());
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert_eq!(a.get(&k).await, None);
}

#[tokio::test]
async fn unreachable_redis_degrades_to_the_local_cache() {
    // Nothing listens on port 1: every operation falls back, quickly.
    let cache = RedisCache::new("redis://127.0.0.1:1").unwrap();
    let started = std::time::Instant::now();
    assert!(!cache.healthy().await);
    cache.set("k", "v", Duration::from_secs(10)).await;
    assert_eq!(cache.get("k").await.as_deref(), Some("v"));
    assert_eq!(cache.incr("c", Duration::from_secs(10)).await.0, 1);
    assert_eq!(cache.incr("c", Duration::from_secs(10)).await.0, 2);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "no long stalls: {:?}",
        started.elapsed()
    );
}

/// A TCP relay to Redis that can go silent (a Redis that died or hangs
/// while connections stay open): bytes are then swallowed, never answered.
async fn silent_relay(upstream: &str) -> (String, std::sync::Arc<std::sync::atomic::AtomicBool>) {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let alive = Arc::new(AtomicBool::new(true));
    let upstream = upstream.trim_start_matches("redis://").to_owned();
    let flag = alive.clone();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let server = tokio::net::TcpStream::connect(&upstream).await.unwrap();
            let (mut cr, mut cw) = client.into_split();
            let (mut sr, mut sw) = server.into_split();
            let up = flag.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                while let Ok(n) = cr.read(&mut buf).await {
                    if n == 0 {
                        break;
                    }
                    if up.load(Ordering::SeqCst) && sw.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            });
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                while let Ok(n) = sr.read(&mut buf).await {
                    if n == 0 || cw.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    (format!("redis://{addr}"), alive)
}

#[tokio::test]
async fn a_redis_that_stops_answering_is_skipped_not_waited_for() {
    if redis_available().await.is_none() {
        return;
    }
    let (relay, alive) = silent_relay(&url()).await;
    let cache = RedisCache::new(&relay).unwrap();
    assert!(cache.healthy().await);
    alive.store(false, std::sync::atomic::Ordering::SeqCst);
    // The first call waits for its deadline and finds Redis gone; the next
    // ones go straight to the local fallback instead of waiting each.
    let started = std::time::Instant::now();
    for i in 0..20 {
        assert_eq!(cache.incr("dead", Duration::from_secs(10)).await.0, i + 1);
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "20 calls on a silent Redis took {:?} (each waited for it)",
        started.elapsed()
    );
}

#[tokio::test]
async fn set_if_absent_never_overwrites_what_another_instance_wrote() {
    let Some(a) = redis_available().await else {
        return;
    };
    let b = RedisCache::new(&url()).unwrap();
    let k = key("nx");
    a.set(&k, "revoked", Duration::from_secs(30)).await;
    assert!(!b.set_if_absent(&k, "user", Duration::from_secs(30)).await);
    assert_eq!(a.get(&k).await.as_deref(), Some("revoked"));
    let fresh = key("nx-fresh");
    assert!(
        b.set_if_absent(&fresh, "user", Duration::from_secs(30))
            .await
    );
    assert_eq!(a.get(&fresh).await.as_deref(), Some("user"));
}
