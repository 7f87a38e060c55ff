"""Refuse oversized API bodies before anything reads them."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ApiBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            limit = settings.API_MAX_BODY_BYTES
            if length > limit:
                body = {
                    "error": f"The request body is too large ({length} bytes); "
                    f"the limit is {limit} bytes.",
                    "detail": {"limit_bytes": limit},
                }
                return HttpResponse(json.dumps(body), status=413, content_type="application/json")
        return self.get_response(request)
