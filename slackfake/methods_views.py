"""Web API methods views.*: modals (open, push, update) and App Home tabs (publish)."""

from __future__ import annotations

import copy
import time
from typing import Any

from slackfake.blocks import validate_view
from slackfake.errors import ApiError
from slackfake.state import SlackState

MAX_MODAL_STACK = 3  # Slack keeps at most three views in a modal's stack


class ViewMethods(SlackState):
    """views.* (called with the lock held)."""

    def _check_trigger(self, p: dict[str, Any]) -> None:
        trigger = p.get("trigger_id") or p.get("interactivity_pointer")
        if not trigger:
            raise ApiError(
                "invalid_arguments", response_metadata={"messages": ["[ERROR] missing trigger_id"]}
            )
        if trigger in self._expired_triggers:
            raise ApiError("expired_trigger_id")

    def _checked_view(self, method: str, p: dict[str, Any]) -> dict[str, Any]:
        view = p.get("view")
        if view is None:
            raise ApiError("invalid_arguments", response_metadata={"messages": ["[ERROR] missing view"]})
        errors = validate_view(view)
        if errors:
            self.validation_errors.extend(f"{method}: {e}" for e in errors)
            raise ApiError(
                "invalid_blocks",
                errors=errors,
                response_metadata={"messages": [f"[ERROR] {e}" for e in errors]},
            )
        assert isinstance(view, dict)
        return view

    def _store_view(
        self,
        view: dict[str, Any],
        *,
        view_id: str | None = None,
        root_view_id: str | None = None,
        previous_view_id: str | None = None,
    ) -> dict[str, Any]:
        view_id = view_id or self._new_id("V")
        stored: dict[str, Any] = {
            "id": view_id,
            "team_id": self.team_id,
            "type": view.get("type"),
            "private_metadata": "",
            "callback_id": "",
            "external_id": "",
            "clear_on_close": False,
            "notify_on_close": False,
            **{k: v for k, v in view.items() if k not in ("id", "hash", "state")},
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{next(self._ids):08x}",
            "root_view_id": root_view_id or view_id,
            "previous_view_id": previous_view_id,
            "app_id": self.app_id,
            "bot_id": self.bot_id,
        }
        self.views[view_id] = stored
        return copy.deepcopy(stored)

    def _views_open(self, p: dict[str, Any]) -> dict[str, Any]:
        self._check_trigger(p)
        view = self._checked_view("views.open", p)
        stored = self._store_view(view)
        user = self._trigger_user(p)
        if user is not None:  # the person whose click made the trigger sees the modal
            self.modal_stacks[user] = [stored["id"]]
        return {"ok": True, "view": stored}

    def _views_push(self, p: dict[str, Any]) -> dict[str, Any]:
        self._check_trigger(p)
        view = self._checked_view("views.push", p)
        user = self._trigger_user(p)
        stack = self.modal_stacks.setdefault(user, []) if user is not None else None
        if stack is not None and len(stack) >= MAX_MODAL_STACK:
            raise ApiError("push_limit_reached")
        stored = self._store_view(view, root_view_id=stack[0] if stack else None)
        if stack is not None:
            stored["previous_view_id"] = stack[-1] if stack else None
            stack.append(stored["id"])
        return {"ok": True, "view": stored}

    def _trigger_user(self, p: dict[str, Any]) -> str | None:
        return self.trigger_users.get(str(p.get("trigger_id") or p.get("interactivity_pointer") or ""))

    def _views_update(self, p: dict[str, Any]) -> dict[str, Any]:
        view_id, external_id = p.get("view_id"), p.get("external_id")
        if not view_id and not external_id:
            raise ApiError("invalid_arguments", response_metadata={"messages": ["[ERROR] view_id required"]})
        view = self._checked_view("views.update", p)
        current = None
        if view_id:
            current = self.views.get(str(view_id))
        else:
            current = next((v for v in self.views.values() if v.get("external_id") == external_id), None)
        if current is None:
            raise ApiError("not_found")
        if p.get("hash") and p["hash"] != current["hash"]:
            raise ApiError("hash_conflict")
        return {
            "ok": True,
            "view": self._store_view(
                view,
                view_id=current["id"],
                root_view_id=current.get("root_view_id"),
                previous_view_id=current.get("previous_view_id"),
            ),
        }

    def _views_publish(self, p: dict[str, Any]) -> dict[str, Any]:
        user_id = str(p.get("user_id") or "")
        if not user_id:
            raise ApiError("invalid_arguments")
        view = self._checked_view("views.publish", p)
        if view.get("type") != "home":
            self.validation_errors.append("views.publish: view type must be home")
            raise ApiError("invalid_arguments")
        existing = self.home_views.get(user_id)
        if existing and p.get("hash") and p["hash"] != self.views[existing]["hash"]:
            raise ApiError("hash_conflict")
        stored = self._store_view(view, view_id=existing)
        self.home_views[user_id] = stored["id"]
        return {"ok": True, "view": stored}

    # -- the Slack client's side: the modals a person has open -------------------------------

    def open_modal(self, user: str) -> dict[str, Any] | None:
        """The modal ``user`` sees (the top of their stack), or None."""
        with self._lock:
            stack = self.modal_stacks.get(user) or []
            return copy.deepcopy(self.views[stack[-1]]) if stack else None

    def home_view(self, user: str) -> dict[str, Any] | None:
        """The Home tab the app published for ``user``, or None."""
        with self._lock:
            view_id = self.home_views.get(user)
            return copy.deepcopy(self.views[view_id]) if view_id else None

    def close_modal(self, user: str, *, clear: bool = False) -> None:
        """The top view goes (the one under it shows again); ``clear``: all of them."""
        with self._lock:
            stack = self.modal_stacks.get(user) or []
            if clear:
                stack.clear()
            elif stack:
                stack.pop()
            self._changed()

    def answer_view(self, user: str, view: Any, *, push: bool) -> list[str]:
        """A view_submission answered ``response_action: update`` (``push``: ``push``) with
        ``view``; returns Slack's complaints about it (then nothing changes)."""
        with self._lock:
            method = "views.push (response_action)" if push else "views.update (response_action)"
            errors = validate_view(view)
            if errors:
                self.validation_errors.extend(f"{method}: {e}" for e in errors)
                return errors
            stack = self.modal_stacks.setdefault(user, [])
            if push or not stack:
                if len(stack) >= MAX_MODAL_STACK:
                    return ["push_limit_reached"]
                stored = self._store_view(view, root_view_id=stack[0] if stack else None)
                stack.append(stored["id"])
            else:
                current = self.views[stack[-1]]
                self._store_view(
                    view,
                    view_id=current["id"],
                    root_view_id=current.get("root_view_id"),
                    previous_view_id=current.get("previous_view_id"),
                )
            self._changed()
            return []
