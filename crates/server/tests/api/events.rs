use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::json;

use crate::common::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(
    event_crud_and_validation,
    non_members_get_404,
    keyset_pagination_and_search,
    roles_limit_what_members_can_do,
    last_owner_cannot_leave,
    event_audit_lists_role_changes,
);

async fn event_crud_and_validation(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("org@example.org").await;
    let id = org.create_event("Spring Gala", 10).await;

    let got = org.get(&format!("/api/v1/events/{id}")).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body["name"], "Spring Gala");
    assert_eq!(got.body["timezone"], "Europe/Paris");
    assert_eq!(got.body["role"], "owner");
    assert_eq!(got.body["archived"], false);

    let res = org
        .patch(
            &format!("/api/v1/events/{id}"),
            json!({"name": "Summer Gala", "venue": "Garden"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    assert_eq!(res.body["name"], "Summer Gala");
    assert_eq!(res.body["venue"], "Garden");
    assert_eq!(
        res.body["starts_at"], got.body["starts_at"],
        "absent fields unchanged"
    );

    // Invalid input: every bad field reported, nothing changed.
    let res = org
        .patch(
            &format!("/api/v1/events/{id}"),
            json!({"name": "", "timezone": "Mars/Olympus", "ends_at": "2000-01-01T00:00:00Z"}),
        )
        .await;
    res.assert_problem(422, "validation_failed");
    let fields: HashSet<&str> = res.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains("name") && fields.contains("timezone") && fields.contains("ends_at"),
        "{fields:?}"
    );
    assert_eq!(
        org.get(&format!("/api/v1/events/{id}")).await.body["name"],
        "Summer Gala"
    );

    // Archive hides from the default list.
    org.patch(&format!("/api/v1/events/{id}"), json!({"archived": true}))
        .await;
    let list = org.get("/api/v1/events").await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 0);
    let list = org.get("/api/v1/events?include_archived=true").await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);

    let res = org.delete(&format!("/api/v1/events/{id}")).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    org.get(&format!("/api/v1/events/{id}"))
        .await
        .assert_problem(404, "not_found");
    org.delete(&format!("/api/v1/events/{id}"))
        .await
        .assert_problem(404, "not_found");
    app.stop().await;
}

async fn non_members_get_404(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let alice = app.user("alice@example.org").await;
    let mallory = app.user("mallory@example.org").await;
    let id = alice.create_event("Private", 5).await;
    let missing = uuid::Uuid::new_v4();

    for path in [
        format!("/api/v1/events/{id}"),
        format!("/api/v1/events/{missing}"),
    ] {
        let a = mallory.get(&path).await;
        a.assert_problem(404, "not_found");
        mallory
            .patch(&path, json!({"name": "pwned"}))
            .await
            .assert_problem(404, "not_found");
        mallory.delete(&path).await.assert_problem(404, "not_found");
        mallory
            .get(&format!("{path}/members"))
            .await
            .assert_problem(404, "not_found");
        mallory
            .post(
                &format!("{path}/members"),
                json!({"email": "mallory@example.org", "role": "owner"}),
            )
            .await
            .assert_problem(404, "not_found");
        mallory
            .get(&format!("{path}/audit"))
            .await
            .assert_problem(404, "not_found");
    }
    // A malformed id is just as absent.
    mallory
        .get("/api/v1/events/not-a-uuid")
        .await
        .assert_problem(404, "not_found");
    let list = mallory.get("/api/v1/events").await;
    assert_eq!(list.body["items"], json!([]));
    assert_eq!(
        alice.get(&format!("/api/v1/events/{id}")).await.body["name"],
        "Private"
    );
    app.stop().await;
}

async fn keyset_pagination_and_search(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let org = app.user("pages@example.org").await;
    let mut created = Vec::new();
    for i in 0..7 {
        // Two events share a start time to exercise the id tie-breaker.
        let days = if i == 3 { 2 } else { i };
        let name = if i % 2 == 0 {
            format!("Concert {i}")
        } else {
            format!("Talk {i}")
        };
        created.push(org.create_event(&name, days + 1).await);
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/events?limit=3&cursor={c}"),
            None => "/api/v1/events?limit=3".to_owned(),
        };
        let page = org.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{:?}", page.body);
        let items = page.body["items"].as_array().unwrap();
        assert!(items.len() <= 3);
        seen.extend(items.iter().map(|e| {
            (
                e["starts_at"].as_str().unwrap().to_owned(),
                e["id"].as_str().unwrap().to_owned(),
            )
        }));
        pages += 1;
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 7, "every event exactly once");
    let unique: HashSet<_> = seen.iter().map(|(_, id)| id.clone()).collect();
    assert_eq!(unique.len(), 7);
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "ordered by start time, then id");

    let found = org.get("/api/v1/events?q=concert").await;
    assert_eq!(found.body["items"].as_array().unwrap().len(), 4);
    let found = org.get("/api/v1/events?q=%25").await;
    assert_eq!(
        found.body["items"].as_array().unwrap().len(),
        0,
        "wildcards are literal"
    );

    org.get("/api/v1/events?limit=0")
        .await
        .assert_problem(422, "validation_failed");
    org.get("/api/v1/events?limit=101")
        .await
        .assert_problem(422, "validation_failed");
    org.get("/api/v1/events?cursor=bogus")
        .await
        .assert_problem(422, "validation_failed");
    org.get("/api/v1/events?limit=abc")
        .await
        .assert_problem(400, "invalid_query");
    app.stop().await;
}

async fn roles_limit_what_members_can_do(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.user("owner@example.org").await;
    let manager = app.user("manager@example.org").await;
    let scanner = app.user("scanner@example.org").await;
    let id = owner.create_event("Roles", 4).await;
    let members = format!("/api/v1/events/{id}/members");
    owner
        .add_member(&id, &manager, "manager@example.org", "manager")
        .await;
    let scanner_id = manager
        .add_member(&id, &scanner, "scanner@example.org", "scanner")
        .await;

    // Scanners see the event but may not change it or see staff.
    assert_eq!(
        scanner.get(&format!("/api/v1/events/{id}")).await.body["role"],
        "scanner"
    );
    scanner
        .patch(&format!("/api/v1/events/{id}"), json!({"name": "x"}))
        .await
        .assert_problem(403, "forbidden");
    scanner.get(&members).await.assert_problem(403, "forbidden");
    scanner
        .get(&format!("/api/v1/events/{id}/audit"))
        .await
        .assert_problem(403, "forbidden");
    scanner
        .post(
            &members,
            json!({"email": "friend@example.org", "role": "scanner"}),
        )
        .await
        .assert_problem(403, "forbidden");
    // Managers may not make owners nor delete the event.
    manager
        .post(
            &members,
            json!({"email": "manager@example.org", "role": "owner"}),
        )
        .await
        .assert_problem(403, "forbidden");
    manager
        .delete(&format!("/api/v1/events/{id}"))
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(
        manager
            .patch(&format!("/api/v1/events/{id}"), json!({"venue": "Hall B"}))
            .await
            .status,
        StatusCode::OK
    );
    // Owners change roles; the role takes effect at once.
    let res = owner
        .patch(
            &format!("{members}/{scanner_id}"),
            json!({"role": "manager"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.body);
    assert_eq!(scanner.get(&members).await.status, StatusCode::OK);
    let res = owner.delete(&format!("{members}/{scanner_id}")).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    scanner
        .get(&format!("/api/v1/events/{id}"))
        .await
        .assert_problem(404, "not_found");
    // Bad role names are field errors.
    owner
        .post(&members, json!({"email": "a@example.org", "role": "king"}))
        .await
        .assert_problem(422, "validation_failed");
    app.stop().await;
}

async fn last_owner_cannot_leave(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.user("solo@example.org").await;
    let id = owner.create_event("Solo", 4).await;
    let me = owner.get("/api/v1/auth/me").await.body["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    owner
        .delete(&format!("/api/v1/events/{id}/members/{me}"))
        .await
        .assert_problem(409, "last_owner");
    owner
        .patch(
            &format!("/api/v1/events/{id}/members/{me}"),
            json!({"role": "scanner"}),
        )
        .await
        .assert_problem(409, "last_owner");
    assert_eq!(
        owner.get(&format!("/api/v1/events/{id}")).await.body["role"],
        "owner"
    );
    app.stop().await;
}

async fn event_audit_lists_role_changes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.user("aud@example.org").await;
    let id = owner.create_event("Audited", 4).await;
    for i in 0..4 {
        let email = format!("s{i}@example.org");
        let member = app.user(&email).await;
        owner.add_member(&id, &member, &email, "scanner").await;
    }
    let page = owner
        .get(&format!(
            "/api/v1/events/{id}/audit?action=member.role_set&limit=3"
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{:?}", page.body);
    let items = page.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items
        .iter()
        .all(|e| e["action"] == "member.role_set" && e["event_id"] == id.as_str()));
    let cursor = page.body["next_cursor"].as_str().unwrap();
    let next = owner
        .get(&format!(
            "/api/v1/events/{id}/audit?action=member.role_set&limit=3&cursor={cursor}"
        ))
        .await;
    assert_eq!(next.body["items"].as_array().unwrap().len(), 1);
    assert!(next.body["next_cursor"].is_null());
    let csv = owner
        .get(&format!(
            "/api/v1/events/{id}/audit.csv?action=member.role_set"
        ))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.text.lines().collect();
    assert!(lines[0].starts_with("id,at,action,outcome"), "{}", lines[0]);
    assert_eq!(lines.len(), 5, "header and the four role changes");
    assert!(lines[1..]
        .iter()
        .all(|l| l.contains(",member.role_set,success,")));
    owner
        .get(&format!("/api/v1/events/{id}/audit?action=nope"))
        .await
        .assert_problem(422, "validation_failed");
    // Instance audit is for administrators only.
    let other = app.user("notadmin@example.org").await;
    other
        .get("/api/v1/admin/audit")
        .await
        .assert_problem(403, "forbidden");
    app.stop().await;
}
