"""Hostile clients of ``kg serve`` (issue 21): federation, memory bombs, malformed and slow
requests, foreign Host headers, and queries that crash the engine. Each test talks to a real
server on 127.0.0.1 over a real socket."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .conftest import body_of, one_line, raw_request, status_of

pytestmark = pytest.mark.server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CARTESIAN_SORT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
# 26 doublings of a literal: 16 characters become 1 GB in one row
DOUBLINGS = " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(26))
CONCAT_BOMB = f"SELECT (STRLEN(?x26) AS ?n) WHERE {{ ?s ?p ?x0 {DOUBLINGS} }} LIMIT 1"
DEEP_PARENTHESES = "SELECT * WHERE { FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }"


def ask(server, query: str, *, post: bool = False, headers: dict | None = None) -> tuple[int, str]:
    if post:
        request = urllib.request.Request(
            server.url + "/sparql",
            data=query.encode(),
            headers={"Content-Type": "application/sparql-query", **(headers or {})},
        )
    else:
        request = urllib.request.Request(
            server.url + "/sparql?" + urllib.parse.urlencode({"query": query}),
            headers=headers or {},
        )
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def still_answers(server) -> bool:
    status, text = ask(server, COUNT)
    return status == 200 and '"n"' in text


# -- federation -------------------------------------------------------------------------------------------
SERVICE_FORMS = {
    "select": "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "silent": "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "construct": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "ask": "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "lowercase-in-subquery": "select * where {{ {{ select ?s where {{ service <{url}> {{ ?s ?p ?o }} }} }} }}",
    "variable": "SELECT * WHERE {{ BIND(<{url}> AS ?where) SERVICE ?where {{ ?s ?p ?o }} }}",
    "after-an-escaped-hash-in-a-name": "PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ?p ex:a\\# SERVICE <{url}> "
    "{{ ?s ?p ?o }} }}",
    "after-comment-and-string": "SELECT * WHERE {{ # a comment }}\n BIND('}}' AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }}",
}


@pytest.mark.parametrize("form", sorted(SERVICE_FORMS))
def test_the_endpoint_refuses_service_in_every_form_and_calls_nobody(server, listener, form):
    status, text = ask(server, SERVICE_FORMS[form].format(url=listener.url))
    assert status == 400 and one_line(text) and "SERVICE" in text
    assert listener.connections == []
    assert still_answers(server)


def test_a_service_call_to_the_server_itself_is_refused(server):
    status, text = ask(
        server, SERVICE_FORMS["select"].format(url=server.url + "/sparql"), post=True
    )
    assert status == 400 and one_line(text) and "SERVICE" in text
    assert still_answers(server)


def test_service_in_strings_comments_and_names_is_not_federation(server):
    query = (
        "PREFIX ex: <https://example.org/>\nSELECT ?service WHERE { # SERVICE <http://127.0.0.1:9/>\n"
        " BIND('SERVICE <http://127.0.0.1:9/> { }' AS ?service) } "
    )
    status, text = ask(server, query)
    assert status == 200 and "SERVICE <http" in text


def test_allow_service_lets_named_hosts_through_and_no_others(servers, listener):
    allowed = servers("--allow-service", "127.0.0.1")
    status, _ = ask(allowed, SERVICE_FORMS["silent"].format(url=listener.url))
    assert status == 200 and len(listener.connections) == 1
    status, text = ask(allowed, SERVICE_FORMS["silent"].format(url="http://localhost:9/sparql"))
    assert status == 400 and "localhost" in text


# -- memory --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_memory_server(servers):
    return servers("--max-memory", "300", "--timeout", "60", "--workers", "1")


@pytest.mark.parametrize(
    "query", [CARTESIAN_SORT, CONCAT_BOMB], ids=["cartesian-order-by", "nested-concat"]
)
def test_a_query_past_the_memory_limit_is_a_503_and_its_worker_is_replaced(
    small_memory_server, query
):
    status, text = ask(small_memory_server, query)
    assert status == 503 and one_line(text) and "memory" in text
    assert still_answers(small_memory_server)


def test_answers_are_capped_in_bytes_as_well_as_rows(servers):
    capped = servers("--max-bytes", "20000")
    status, text = ask(capped, "SELECT * WHERE { ?s ?p ?o } LIMIT 1000")
    assert status in (400, 413) and one_line(text) and "bytes" in text
    assert still_answers(capped)


# -- requests ---------------------------------------------------------------------------------------------------
def post_with_length(port: int, length: str, body: bytes) -> bytes:
    head = (
        f"POST /sparql HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(head + body)
        connection.shutdown(socket.SHUT_WR)  # a body read "to the end" ends here
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_a_negative_content_length_is_a_400(server):
    response = post_with_length(server.port, "-1", COUNT.encode())
    assert status_of(response) == 400 and "Content-Length" in body_of(response)


def test_a_content_length_that_is_not_a_number_is_a_400(server):
    response = post_with_length(server.port, "abc", COUNT.encode())
    assert status_of(response) == 400 and "Content-Length" in body_of(response)


def test_a_body_over_the_cap_is_refused_unread(server):
    response = post_with_length(server.port, str(50_000_000), b"SELECT")
    assert status_of(response) == 413


@pytest.fixture(scope="module")
def strict_server(servers):
    """A server that gives clients 2 s to send a request and serves at most 16 at once."""
    return servers("--client-timeout", "2", "--max-clients", "16")


def read_until_closed(connection: socket.socket) -> bytes:
    chunks = []
    while chunk := connection.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def server_threads(server) -> int:
    status = open(f"/proc/{server.process.pid}/status").read()
    return int(status.split("Threads:")[1].split()[0])


def test_an_idle_connection_is_closed_by_the_server(strict_server):
    with socket.create_connection(("127.0.0.1", strict_server.port), timeout=10) as idle:
        answer = read_until_closed(idle)  # a socket.timeout here: the server kept it open 10 s
    assert answer == b"" or status_of(answer) == 408


def test_slow_clients_hold_neither_threads_nor_the_endpoint(strict_server):
    slow = []
    try:
        for _ in range(75):
            connection = socket.create_connection(("127.0.0.1", strict_server.port), timeout=30)
            connection.sendall(b"GET /sparql?query=")  # and never the rest
            slow.append(connection)
        time.sleep(0.5)
        assert server_threads(strict_server) <= 16 + 8
        deadline = time.monotonic() + 30
        while not still_answers(strict_server) and time.monotonic() < deadline:
            time.sleep(0.5)  # the slow ones are dropped once their 2 s are up
        assert still_answers(strict_server)
        for connection in slow:  # each was closed by the server, not left open
            connection.settimeout(10)
            answer = read_until_closed(connection)
            assert answer == b"" or status_of(answer) in (408, 503)
    finally:
        for connection in slow:
            connection.close()


def test_a_foreign_host_header_is_refused(server):
    response = raw_request(
        server.port, b"GET /sparql?query=ASK%7B%7D HTTP/1.0\r\nHost: attacker.example\r\n\r\n"
    )
    assert status_of(response) in (400, 403, 421) and "Host" in body_of(response)
    for host in (f"127.0.0.1:{server.port}", f"localhost:{server.port}"):
        response = raw_request(
            server.port, f"GET /sparql?query=ASK%7B%7D HTTP/1.0\r\nHost: {host}\r\n\r\n".encode()
        )
        assert status_of(response) == 200


def test_head_is_answered_without_a_body(server):
    for path in ("/", "/sparql?query=ASK%7B%7D"):
        response = raw_request(
            server.port, f"HEAD {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode()
        )
        assert status_of(response) == 200 and body_of(response) == ""
        assert b"Content-Length:" in response


def test_control_characters_in_the_request_line_are_escaped_in_the_log(server):
    raw_request(server.port, b"GET /\x1b[2J\x1b[31mred\x07 HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
    time.sleep(0.2)
    log = server.log()
    assert "red" in log and "\x1b" not in log and "\x07" not in log


# -- engine failures ----------------------------------------------------------------------------------------------
def test_deeply_nested_queries_are_a_400_and_crash_no_worker(server):
    status, text = ask(server, DEEP_PARENTHESES, post=True)
    assert status == 400 and one_line(text) and "nest" in text
    assert "worker failed" not in server.log()
    assert still_answers(server)


def test_an_engine_error_while_reading_results_is_a_one_line_400(server):
    query = "SELECT * WHERE { BIND(<http://127.0.0.1:9/s> AS ?x) OPTIONAL { ?s ?p ?o } SERVICE ?unbound { ?s ?p ?o } }"
    status, text = ask(server, query)
    assert status == 400 and one_line(text)
    assert still_answers(server)


def test_the_server_still_answers_after_every_attack(server):
    assert still_answers(server)
    assert server.process.poll() is None


def test_the_view_is_rendered_once_however_many_ask_for_it_first(servers):
    from concurrent.futures import ThreadPoolExecutor

    fresh = servers()

    def fetch(_) -> bytes:
        with urllib.request.urlopen(fresh.url + "/view", timeout=120) as response:
            return response.read()

    with ThreadPoolExecutor(8) as pool:
        pages = list(pool.map(fetch, range(8)))
    assert len(set(pages)) == 1 and b"<html" in pages[0].lower()
    assert fresh.log().count("rendered /view") == 1
