"""The console loads in a real browser: the page, its scripts under the CSP, the app's layout."""

from __future__ import annotations

from playwright.sync_api import expect

from lapor_gql.security_headers import CONTENT_SECURITY_POLICY


def test_the_console_opens_with_the_security_headers(new_page, screenshot) -> None:
    page = new_page()

    response = page.goto("/")

    assert response is not None and response.status == 200
    headers = response.headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in headers  # served in development, on plain http
    expect(page.locator("#app")).to_be_attached()
    expect(page.locator("main")).to_be_visible()
    screenshot(page, "home")


def test_a_console_route_loads_the_same_page(new_page) -> None:
    page = new_page(lang="en", width=390, height=844)

    response = page.goto("/track")

    assert response is not None and response.status == 200
    assert response.headers["cache-control"] == "no-cache"
    expect(page.locator("main")).to_be_visible()
