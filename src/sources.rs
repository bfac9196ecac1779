//! The shortcuts `data-bluesky`, `data-mastodon` and `data-hn`: from the
//! address a site owner has at hand (a post URL, an item id) to the public
//! API URL that serves the thread, and the page where readers can reply.

use crate::formats::SourceFormat;
use crate::model::{JoinLink, Service};
use crate::sanitize::safe_href;

/// Where a service thread is fetched from and joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSource {
    /// The API URL to fetch.
    pub api: String,
    /// How to read its answer.
    pub format: SourceFormat,
    /// Where readers reply.
    pub join: JoinLink,
}

/// A Bluesky post, as a bsky.app URL or an `at://` URI.
///
/// ```
/// let source = kibitz::sources::bluesky("https://bsky.app/profile/ada.test/post/3kabc").unwrap();
/// assert_eq!(
///     source.api,
///     "https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread?uri=at%3A%2F%2Fada.test%2Fapp.bsky.feed.post%2F3kabc&depth=1000&parentHeight=0"
/// );
/// assert_eq!(source.join.url, "https://bsky.app/profile/ada.test/post/3kabc");
/// ```
pub fn bluesky(address: &str) -> Result<ServiceSource, String> {
    // Bluesky's own embed code links `…/post/<id>?ref_src=embed`; and an
    // address copied without its scheme is still the post's.
    let address = address.trim().split(['?', '#']).next().unwrap_or_default();
    let with_scheme;
    let address = if address.starts_with("bsky.app/") || address.starts_with("www.bsky.app/") {
        with_scheme = format!("https://{address}");
        with_scheme.as_str()
    } else {
        address
    };
    let (actor, rkey) = if let Some(rest) = address.strip_prefix("at://") {
        let mut parts = rest.split('/');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(actor), Some("app.bsky.feed.post"), Some(rkey), None) => (actor, rkey),
            _ => return Err("expected at://<did or handle>/app.bsky.feed.post/<id>".into()),
        }
    } else {
        let path = strip_origin(address, &["bsky.app", "www.bsky.app"])
            .ok_or("expected a https://bsky.app/profile/<handle>/post/<id> URL or an at:// URI")?;
        let mut parts = path.trim_matches('/').split('/');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("profile"), Some(actor), Some("post"), Some(rkey)) => (actor, rkey),
            _ => return Err("expected a https://bsky.app/profile/<handle>/post/<id> URL".into()),
        }
    };
    if !is_token(actor, ":.-_") || !is_token(rkey, "-_~") {
        return Err(
            "the handle or post id has characters a Bluesky post address cannot have".into(),
        );
    }
    let uri = format!("at://{actor}/app.bsky.feed.post/{rkey}");
    Ok(ServiceSource {
        api: format!(
            "https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread?uri={}&depth=1000&parentHeight=0",
            percent_encode(&uri)
        ),
        format: SourceFormat::Bluesky,
        join: join(Service::Bluesky, &format!("https://bsky.app/profile/{actor}/post/{rkey}"))?,
    })
}

/// A Mastodon post URL on any instance: `https://host/@user/<id>`, as the
/// web app shows it (`/web/@user/<id>`, `/web/statuses/<id>`,
/// `/deck/@user/<id>`), its embed (`/@user/<id>/embed`), or
/// `https://host/users/<user>/statuses/<id>`.
///
/// ```
/// let source = kibitz::sources::mastodon("https://m.example/@ada/1099").unwrap();
/// assert_eq!(source.api, "https://m.example/api/v1/statuses/1099/context");
/// ```
pub fn mastodon(address: &str) -> Result<ServiceSource, String> {
    let address = address.trim();
    let rest = address
        .strip_prefix("https://")
        .ok_or("expected a https:// post URL")?;
    let (host, path) = rest
        .split_once('/')
        .ok_or("expected a post URL with a path")?;
    if host.is_empty() || !is_token(host, ".-:") {
        return Err("the URL has no valid host".into());
    }
    let parts: Vec<&str> = path
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .trim_matches('/')
        .split('/')
        .collect();
    // The page readers reply on: the post's own, not the web app's view of
    // it nor its embed.
    let (id, page) = match parts.as_slice() {
        [user, id] | [user, id, "embed"] | ["web" | "deck", user, id] if user.starts_with('@') => {
            (*id, format!("https://{host}/{user}/{id}"))
        }
        ["web", "statuses", id] => (*id, format!("https://{host}/web/statuses/{id}")),
        ["users", user, "statuses", id] => {
            (*id, format!("https://{host}/users/{user}/statuses/{id}"))
        }
        _ => return Err("expected https://<instance>/@<user>/<id>".into()),
    };
    if !is_token(id, "") {
        return Err(format!("\"{id}\" is not a post id"));
    }
    Ok(ServiceSource {
        api: format!("https://{host}/api/v1/statuses/{id}/context"),
        format: SourceFormat::Mastodon,
        join: join(Service::Mastodon, &page)?,
    })
}

/// A Hacker News item, as its id or its news.ycombinator.com URL.
///
/// ```
/// let source = kibitz::sources::hacker_news("8863").unwrap();
/// assert_eq!(source.api, "https://hn.algolia.com/api/v1/items/8863");
/// assert_eq!(source.join.url, "https://news.ycombinator.com/item?id=8863");
/// ```
pub fn hacker_news(address: &str) -> Result<ServiceSource, String> {
    let address = address.trim();
    let id = match address.split_once("item?id=") {
        // HN's own links to a comment in context end in `#<comment id>`.
        Some((site, id)) => {
            let site = site
                .strip_prefix("https://")
                .or_else(|| site.strip_prefix("http://"))
                .unwrap_or(site);
            if !matches!(site, "news.ycombinator.com/" | "") {
                return Err("expected a news.ycombinator.com/item?id= URL".into());
            }
            id.split(['&', '#']).next().unwrap_or_default()
        }
        None => address,
    };
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(
            "expected an item id such as 8863, or a news.ycombinator.com/item?id= URL".into(),
        );
    }
    Ok(ServiceSource {
        api: format!("https://hn.algolia.com/api/v1/items/{id}"),
        format: SourceFormat::HackerNews,
        join: join(
            Service::HackerNews,
            &format!("https://news.ycombinator.com/item?id={id}"),
        )?,
    })
}

fn join(service: Service, url: &str) -> Result<JoinLink, String> {
    let url = safe_href(url).ok_or("not a valid https URL")?;
    Ok(JoinLink { service, url })
}

fn strip_origin<'a>(url: &'a str, hosts: &[&str]) -> Option<&'a str> {
    let rest = url.strip_prefix("https://")?;
    hosts
        .iter()
        .find_map(|host| rest.strip_prefix(host).filter(|p| p.starts_with('/')))
}

fn is_token(text: &str, extra: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! rejects {
        ($($name:ident: $f:ident($input:expr);)*) => {$(
            #[test]
            fn $name() {
                assert!($f($input).is_err(), "{:?} should be rejected", $input);
            }
        )*};
    }

    rejects! {
        bluesky_other_host: bluesky("https://evil.test/profile/a/post/b");
        bluesky_not_a_post: bluesky("https://bsky.app/profile/ada.test");
        bluesky_javascript: bluesky("javascript:alert(1)");
        bluesky_bad_at_uri: bluesky("at://ada.test/app.bsky.feed.like/1");
        bluesky_injection_in_rkey: bluesky("https://bsky.app/profile/ada.test/post/1&x=<y>");
        mastodon_http: mastodon("http://m.example/@ada/1");
        mastodon_no_id: mastodon("https://m.example/@ada");
        mastodon_bad_id: mastodon("https://m.example/@ada/1/../../admin");
        hn_words: hacker_news("latest");
        hn_empty: hacker_news("");
        hn_other_site: hacker_news("https://evil.example/item?id=8863");
        mastodon_web_without_user: mastodon("https://m.example/web/42");
    }

    #[test]
    fn addresses_as_owners_copy_them_are_the_posts() {
        // Bluesky's embed code, and an address without its scheme.
        for address in [
            "https://bsky.app/profile/ada.test/post/3kabc?ref_src=embed",
            "bsky.app/profile/ada.test/post/3kabc",
            "https://bsky.app/profile/ada.test/post/3kabc#replies",
        ] {
            assert_eq!(
                bluesky(address).unwrap().join.url,
                "https://bsky.app/profile/ada.test/post/3kabc",
                "{address}"
            );
        }
        // Mastodon's web app, deck and embed: the post's own page to reply on.
        for (address, page) in [
            (
                "https://m.example/web/@ada/1099",
                "https://m.example/@ada/1099",
            ),
            (
                "https://m.example/deck/@ada/1099",
                "https://m.example/@ada/1099",
            ),
            (
                "https://m.example/@ada/1099/embed",
                "https://m.example/@ada/1099",
            ),
            (
                "https://m.example/@ada/1099?lang=de",
                "https://m.example/@ada/1099",
            ),
            (
                "https://m.example/web/statuses/1099",
                "https://m.example/web/statuses/1099",
            ),
        ] {
            let source = mastodon(address).unwrap();
            assert_eq!(
                source.api, "https://m.example/api/v1/statuses/1099/context",
                "{address}"
            );
            assert_eq!(source.join.url, page, "{address}");
        }
        // Hacker News's link to a comment in its context.
        assert_eq!(
            hacker_news("https://news.ycombinator.com/item?id=8863#8870")
                .unwrap()
                .api,
            "https://hn.algolia.com/api/v1/items/8863"
        );
        assert!(hacker_news("news.ycombinator.com/item?id=8863").is_ok());
    }

    #[test]
    fn bluesky_at_uri_with_did() {
        let source = bluesky("at://did:plc:abc/app.bsky.feed.post/3k").unwrap();
        assert_eq!(
            source.join.url,
            "https://bsky.app/profile/did:plc:abc/post/3k"
        );
        assert!(source
            .api
            .contains("uri=at%3A%2F%2Fdid%3Aplc%3Aabc%2Fapp.bsky.feed.post%2F3k"));
    }

    #[test]
    fn mastodon_users_statuses_form_and_remote_handles() {
        assert_eq!(
            mastodon("https://m.example/users/ada/statuses/42")
                .unwrap()
                .api,
            "https://m.example/api/v1/statuses/42/context"
        );
        let remote = mastodon("https://m.example/@ada@other.example/42").unwrap();
        assert_eq!(remote.api, "https://m.example/api/v1/statuses/42/context");
        assert_eq!(remote.join.url, "https://m.example/@ada@other.example/42");
    }

    #[test]
    fn hn_item_url() {
        assert_eq!(
            hacker_news("https://news.ycombinator.com/item?id=8863")
                .unwrap()
                .api,
            "https://hn.algolia.com/api/v1/items/8863"
        );
    }
}
