"""The Slack client's modals: submitting one (checked first as the Slack client checks it), its
close button, and the options of its external selects; the app's answers applied as Slack does."""

from __future__ import annotations

from slackfake.client_base import ClientBase, Outcome, no_answer
from slackfake.interactions import Raw, state_values


class ModalActions(ClientBase):
    def submit(self, user_id: str, view_id: str, raw: dict[str, dict[str, Raw]]) -> Outcome:
        """The modal's submit button: checked as the Slack client does, then sent; the app's
        ``response_action`` (errors, update, push, clear) is applied."""
        view = self._view(view_id)
        if view is None:
            return Outcome(ok=False, error="this view is gone")
        values, errors = state_values(list(view.get("blocks") or []), raw)
        if errors:
            return Outcome(ok=False, errors=errors)
        view["state"] = {"values": values}
        payload = self._envelope(
            "view_submission", user_id, trigger_id=self._trigger(user_id), view=view, response_urls=[]
        )
        answer = self.link.post_payload(payload)
        if not answer.ok:
            return Outcome(ok=False, error=no_answer(answer))
        data = answer.json() or {}
        kind = data.get("response_action")
        if kind == "errors":
            found = data.get("errors")
            return Outcome(ok=False, errors={str(k): str(v) for k, v in (found or {}).items()})
        if kind in ("update", "push"):
            problems = self.fake.answer_view(user_id, data.get("view"), push=kind == "push")
            if problems:
                return Outcome(ok=False, error="; ".join(problems))
            return Outcome()
        self.fake.close_modal(user_id, clear=kind == "clear")
        return Outcome()

    def close(self, user_id: str, view_id: str) -> Outcome:
        """The modal's close button: gone; ``view_closed`` sent when the view asked for it."""
        view = self._view(view_id)
        self.fake.close_modal(user_id)
        if view is not None and view.get("notify_on_close"):
            answer = self.link.post_payload(
                self._envelope("view_closed", user_id, view=view, is_cleared=False)
            )
            if not answer.ok:
                return Outcome(ok=False, error=no_answer(answer))
        return Outcome()

    def suggest(self, user_id: str, view_id: str, *, block_id: str, action_id: str, value: str) -> Outcome:
        """Typing into an external select: ``block_suggestion``; the app answers with options."""
        view = self._view(view_id)
        if view is None:
            return Outcome(ok=False, error="this view is gone")
        payload = self._envelope(
            "block_suggestion",
            user_id,
            container={"type": "view", "view_id": view_id},
            action_id=action_id,
            block_id=block_id,
            value=value,
            view=view,
        )
        answer = self.link.post_payload(payload)
        if not answer.ok:
            return Outcome(ok=False, error=no_answer(answer))
        data = answer.json() or {}
        options = list(data.get("options") or [])
        for group in data.get("option_groups") or []:
            options.extend(group.get("options") or [])
        return Outcome(options=options)
