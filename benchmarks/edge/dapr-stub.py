#!/usr/bin/env python3
"""A stand-in Dapr sidecar for benchmarks/edge/run.sh only: answers the state API calls of the edge sample
(GET /v1.0/healthz, GET/POST/DELETE /v1.0/state/<store>[/<key>]) from a dict, so the measured process does its
usual work. Not Dapr; the tests use DaprStateApiEmulator (purista-spring-boot-test). Usage: dapr-stub.py <port>"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, unquote

state = {}


class Handler(BaseHTTPRequestHandler):
	protocol_version = "HTTP/1.1"

	def log_message(self, *args):
		pass

	def answer(self, status, body=b""):
		self.send_response(status)
		self.send_header("Content-Length", str(len(body)))
		if body:
			self.send_header("Content-Type", "application/json")
		self.end_headers()
		self.wfile.write(body)

	def do_GET(self):
		parts = urlsplit(self.path).path.strip("/").split("/")
		if parts[:2] == ["v1.0", "healthz"]:
			self.answer(204)
		elif len(parts) == 4 and parts[:2] == ["v1.0", "state"]:
			value = state.get((parts[2], unquote(parts[3])))
			self.answer(200, value) if value is not None else self.answer(204)
		else:
			self.answer(404, b'{"errorCode":"ERR_NOT_FOUND","message":"not emulated"}')

	def do_POST(self):
		parts = urlsplit(self.path).path.strip("/").split("/")
		body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
		if len(parts) == 3 and parts[:2] == ["v1.0", "state"]:
			for item in json.loads(body):
				state[(parts[2], item["key"])] = json.dumps(item["value"]).encode()
			self.answer(204)
		else:
			self.answer(404, b'{"errorCode":"ERR_NOT_FOUND","message":"not emulated"}')

	def do_DELETE(self):
		parts = urlsplit(self.path).path.strip("/").split("/")
		if len(parts) == 4:
			state.pop((parts[2], unquote(parts[3])), None)
		self.answer(204)


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
