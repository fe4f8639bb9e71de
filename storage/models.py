"""SQLModel tables. Every table carries the workspace (``team_id``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.vocabulary import OPEN_STATUSES as _OPEN
from domain.vocabulary import Category, Status
from storage.types import UTCDateTime, utcnow

# The vocabulary's codes as the columns store them (domain.vocabulary is the one place).
CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)
STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
OPEN_STATUSES: tuple[str, ...] = tuple(s.value for s in _OPEN)


class Workspace(SQLModel, table=True):
    __tablename__ = "workspace"

    team_id: str = Field(primary_key=True, max_length=32)
    timezone: str = Field(default="UTC", max_length=64)
    lang: str = Field(default="en", max_length=8)
    sync_weekday: int = 4
    sync_time: str = Field(default="17:00", max_length=5)
    nudge_time: str = Field(default="09:30", max_length=5)
    digest_weekday: int = 0
    digest_time: str = Field(default="09:00", max_length=5)
    escalate_after: int = 2
    agenda_days: int = 3  # a meeting's agenda goes out this many days before it
    holidays_country: str | None = Field(default=None, max_length=8)
    admins: str = Field(default="", max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def admin_ids(self) -> list[str]:
        return [a for a in self.admins.split(",") if a]


class Counter(SQLModel, table=True):
    """Per-workspace reference counters: PRJ, PRB, MSR."""

    __tablename__ = "ref_counter"

    team_id: str = Field(primary_key=True, max_length=32)
    kind: str = Field(primary_key=True, max_length=8)
    value: int = 0


class Department(SQLModel, table=True):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("team_id", "name_key", name="uq_department_name"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32, index=True)
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)
    head_user_id: str = Field(max_length=32)
    channel_id: str = Field(max_length=32)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Archived: no prompts or digests, left out of lists and forms; restoring clears it.
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Project(SQLModel, table=True):
    __tablename__ = "project"
    __table_args__ = (UniqueConstraint("team_id", "number", name="uq_project_number"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    number: int
    name: str = Field(max_length=200)
    goal: str = Field(max_length=3000)
    due: date
    lead_user_id: str = Field(max_length=32)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The measurable part of the goal: a metric, its baseline and target (decimals as typed), a unit.
    metric: str = Field(default="", max_length=200)
    baseline: str | None = Field(default=None, max_length=40)
    target: str | None = Field(default=None, max_length=40)
    unit: str = Field(default="", max_length=20)
    # Closed (`project close`): its measures leave prompts, nudges, digests and lists; reopening clears it.
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    @property
    def ref(self) -> str:
        return f"PRJ-{self.number}"


class ProjectDepartment(SQLModel, table=True):
    """A department involved in a project (涉及部门), with its responsibility (职责)."""

    __tablename__ = "project_department"
    __table_args__ = (UniqueConstraint("project_id", "department_id", name="uq_project_department"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    project_id: int = Field(foreign_key="project.id", index=True)
    department_id: int = Field(foreign_key="department.id")
    responsibility: str = Field(default="", max_length=3000)


class Problem(SQLModel, table=True):
    __tablename__ = "problem"
    __table_args__ = (UniqueConstraint("team_id", "number", name="uq_problem_number"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    number: int
    project_id: int = Field(foreign_key="project.id", index=True)
    category: str = Field(max_length=16)
    description: str = Field(max_length=3000)
    root_cause: str = Field(default="", max_length=3000)
    # The Slack message it was logged from ("Log as problem"): its permalink.
    source_link: str = Field(default="", max_length=1000)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def ref(self) -> str:
        return f"PRB-{self.number}"


class Measure(SQLModel, table=True):
    __tablename__ = "measure"
    __table_args__ = (
        UniqueConstraint("team_id", "number", name="uq_measure_number"),
        Index("ix_measure_dept_status", "team_id", "department_id", "status"),
        Index("ix_measure_status_due", "team_id", "status", "due"),
        Index("ix_measure_owner", "team_id", "owner_user_id"),
        Index("ix_measure_done_at", "team_id", "done_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    number: int
    problem_id: int = Field(foreign_key="problem.id", index=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    department_id: int = Field(foreign_key="department.id", index=True)
    owner_user_id: str = Field(max_length=32)
    text: str = Field(max_length=3000)
    deliverable: str = Field(default="", max_length=3000)
    note: str = Field(default="", max_length=3000)
    due: date
    status: str = Field(default="todo", max_length=16)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    @property
    def ref(self) -> str:
        return f"MSR-{self.number}"


class MeasureEvent(SQLModel, table=True):
    """History of a measure: who changed what, when, from → to, with which note and source."""

    __tablename__ = "measure_event"
    __table_args__ = (
        Index("ix_measure_event_measure", "team_id", "measure_id", "at"),
        Index("ix_measure_event_kind_at", "team_id", "kind", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    measure_id: int = Field(foreign_key="measure.id", index=True)
    actor_user_id: str = Field(max_length=32)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    kind: str = Field(max_length=16)  # created | status | due | owner | note | progress | comment
    from_value: str | None = Field(default=None, max_length=3000)
    to_value: str | None = Field(default=None, max_length=3000)
    note: str = Field(default="", max_length=3000)
    source: str = Field(default="command", max_length=16)  # command | modal | button | thread | change
    channel_id: str = Field(default="", max_length=32)  # for thread replies: where the reply is
    message_ts: str = Field(default="", max_length=32, index=True)


__all__ = [
    "CATEGORIES",
    "OPEN_STATUSES",
    "STATUSES",
    "Counter",
    "Department",
    "Measure",
    "MeasureEvent",
    "Problem",
    "Project",
    "ProjectDepartment",
    "Workspace",
]


# ---------------------------------------------------------------- the weekly loop


class Delivery(SQLModel, table=True):
    """The delivery ledger: one row per scheduled post (kind, team, target, period).

    A process claims a row (unique key) before sending and holds a lease on it; a crashed
    process's claim is taken over once its lease has run out. ``state``: claimed | sent |
    failed | skipped.
    """

    __tablename__ = "delivery"
    __table_args__ = (
        UniqueConstraint("team_id", "kind", "target", "period", name="uq_delivery_key"),
        Index("ix_delivery_state_lease", "state", "lease_until"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    kind: str = Field(max_length=16)  # sync | digest | nudge | escalate | alert
    target: str = Field(max_length=120)
    period: str = Field(max_length=16)  # ISO week "2026-W47" or a date "2026-11-20"
    state: str = Field(default="claimed", max_length=16)
    claimed_by: str = Field(default="", max_length=120)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempts: int = 1
    channel_id: str = Field(default="", max_length=32)
    ts: str = Field(default="", max_length=32)
    error: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.target}:{self.period}"


class SyncPrompt(SQLModel, table=True):
    """The weekly sync prompt of one department channel; replies in its thread are progress."""

    __tablename__ = "sync_prompt"
    __table_args__ = (
        UniqueConstraint("team_id", "channel_id", "period", name="uq_sync_prompt"),
        Index("ix_sync_prompt_thread", "team_id", "channel_id", "thread_ts"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    department_id: int = Field(foreign_key="department.id", index=True)
    channel_id: str = Field(max_length=32)
    period: str = Field(max_length=16)
    thread_ts: str = Field(default="", max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SyncPromptMessage(SQLModel, table=True):
    """One posted message (part) of a sync prompt, and the measures it lists."""

    __tablename__ = "sync_prompt_message"
    __table_args__ = (UniqueConstraint("prompt_id", "part", name="uq_sync_prompt_part"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    prompt_id: int = Field(foreign_key="sync_prompt.id", index=True)
    part: int
    channel_id: str = Field(max_length=32)
    ts: str = Field(max_length=32)


class SyncPromptItem(SQLModel, table=True):
    __tablename__ = "sync_prompt_item"
    __table_args__ = (
        UniqueConstraint("message_id", "measure_id", name="uq_sync_prompt_item"),
        Index("ix_sync_prompt_item_measure", "team_id", "measure_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    prompt_id: int = Field(foreign_key="sync_prompt.id", index=True)
    message_id: int = Field(foreign_key="sync_prompt_message.id")
    measure_id: int = Field(foreign_key="measure.id", index=True)


class ProcessedEvent(SQLModel, table=True):
    """Events API ``event_id``s already handled, so Slack's retries never count twice."""

    __tablename__ = "processed_event"

    team_id: str = Field(primary_key=True, max_length=32)
    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ChangeRequest(SQLModel, table=True):
    """需求变更申请 (``CHG-n``): what changes in a project, its impact, the responsible department,
    optionally a measure's new deadline; decided once by the project lead (or an admin)."""

    __tablename__ = "change_request"
    __table_args__ = (
        UniqueConstraint("team_id", "number", name="uq_change_request_number"),
        Index("ix_change_request_measure", "team_id", "measure_id"),
        Index("ix_change_request_project", "team_id", "project_id", "state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    number: int
    project_id: int = Field(foreign_key="project.id")
    department_id: int | None = Field(default=None, foreign_key="department.id")
    text: str = Field(default="", max_length=3000)  # what changes
    impact: str = Field(default="", max_length=3000)  # the scope of its impact
    measure_id: int | None = Field(default=None, foreign_key="measure.id")
    requested_by: str = Field(max_length=32)
    old_due: date | None = None
    proposed_due: date | None = None
    reason: str = Field(default="", max_length=3000)
    state: str = Field(default="open", max_length=16)  # open | approved | rejected
    decided_by: str = Field(default="", max_length=32)
    decision_note: str = Field(default="", max_length=3000)  # the reason given with a rejection
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    @property
    def ref(self) -> str:
        return f"CHG-{self.number}"


# ---------------------------------------------------------------- the charter and meetings


class Risk(SQLModel, table=True):
    """风险与预案: a risk of a project, its mitigation plan, owner and status."""

    __tablename__ = "risk"
    __table_args__ = (
        UniqueConstraint("team_id", "number", name="uq_risk_number"),
        Index("ix_risk_project", "team_id", "project_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    number: int
    project_id: int = Field(foreign_key="project.id")
    text: str = Field(max_length=3000)
    plan: str = Field(default="", max_length=3000)
    owner_user_id: str = Field(default="", max_length=32)
    status: str = Field(default="open", max_length=16)  # open | closed | occurred
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def ref(self) -> str:
        return f"RSK-{self.number}"


class Meeting(SQLModel, table=True):
    """A kickoff (沟通会议) or ad-hoc coordination meeting (临时沟通会) of a project, with its
    minutes once written."""

    __tablename__ = "meeting"
    __table_args__ = (
        UniqueConstraint("team_id", "number", name="uq_meeting_number"),
        Index("ix_meeting_starts", "team_id", "starts_at"),
        Index("ix_meeting_project", "team_id", "project_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    number: int
    project_id: int = Field(foreign_key="project.id")
    kind: str = Field(max_length=16)  # kickoff | adhoc
    title: str = Field(default="", max_length=200)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    topics: str = Field(default="", max_length=3000)  # one per line
    measure_id: int | None = Field(default=None, foreign_key="measure.id")  # called from a blocked measure
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    attendees: str = Field(default="", max_length=2000)  # user ids, comma-separated
    decisions: str = Field(default="", max_length=3000)
    minutes_by: str = Field(default="", max_length=32)
    minutes_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    @property
    def ref(self) -> str:
        return f"MTG-{self.number}"

    @property
    def topic_list(self) -> list[str]:
        return [line for line in self.topics.splitlines() if line.strip()]

    @property
    def attendee_ids(self) -> list[str]:
        return [a for a in self.attendees.split(",") if a]


class MeetingDepartment(SQLModel, table=True):
    """A department invited to a meeting."""

    __tablename__ = "meeting_department"
    __table_args__ = (UniqueConstraint("meeting_id", "department_id", name="uq_meeting_department"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    department_id: int = Field(foreign_key="department.id")


class AgendaMessage(SQLModel, table=True):
    """A posted agenda of a meeting in one department channel (updated when needs are added;
    the minutes go into its thread)."""

    __tablename__ = "agenda_message"
    __table_args__ = (UniqueConstraint("meeting_id", "channel_id", name="uq_agenda_message"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    department_id: int = Field(foreign_key="department.id")
    channel_id: str = Field(max_length=32)
    ts: str = Field(max_length=32)


class MeetingNeed(SQLModel, table=True):
    """各部门提出需求和期望: a department's need or expectation, kept on the meeting."""

    __tablename__ = "meeting_need"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    department_id: int = Field(foreign_key="department.id")
    text: str = Field(max_length=3000)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MeetingProblem(SQLModel, table=True):
    """A problem raised in a meeting's minutes."""

    __tablename__ = "meeting_problem"
    __table_args__ = (UniqueConstraint("meeting_id", "problem_id", name="uq_meeting_problem"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    problem_id: int = Field(foreign_key="problem.id")


# ---------------------------------------------------------------- everyday surfaces


class RecordChange(SQLModel, table=True):
    """History of departments and problems (measures keep ``measure_event``): who changed which
    field of which record, when, from → to."""

    __tablename__ = "record_change"
    __table_args__ = (Index("ix_record_change_record", "team_id", "record_kind", "record_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    record_kind: str = Field(max_length=16)  # department | problem
    record_id: int
    field: str = Field(max_length=16)  # name | head | channel | archived | category | cause | text
    from_value: str | None = Field(default=None, max_length=3000)
    to_value: str | None = Field(default=None, max_length=3000)
    actor_user_id: str = Field(max_length=32)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class HomeTab(SQLModel, table=True):
    """People who have opened the bot's Home tab: only their tab is republished after a change."""

    __tablename__ = "home_tab"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    opened_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# Slack's OAuth tables (slack_sdk's stores keep them): declared with the others, for the migrations.
import storage.installations  # noqa: E402, F401


class PostPace(SQLModel, table=True):
    """What the throttle learnt about a workspace's limit on scheduled posts (Slack publishes
    none): the pace it last posted at, and the pace at which Slack last answered 429."""

    __tablename__ = "post_pace"

    team_id: str = Field(primary_key=True, max_length=32)
    rate: float
    limit_seen: float | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# ---------------------------------------------------------------- step 5: milestones, evaluations


class Milestone(SQLModel, table=True):
    """A milestone of a project (``MLS-n``): on its date the lead gets the facts and the chart."""

    __tablename__ = "milestone"
    __table_args__ = (
        UniqueConstraint("team_id", "number", name="uq_milestone_number"),
        Index("ix_milestone_due", "team_id", "due"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    number: int
    project_id: int = Field(foreign_key="project.id")
    name: str = Field(max_length=200)
    due: date
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def ref(self) -> str:
        return f"MLS-{self.number}"


class Evaluation(SQLModel, table=True):
    """阶段性评估: the goal against the result, at a milestone or at any time."""

    __tablename__ = "evaluation"
    __table_args__ = (Index("ix_evaluation_project", "team_id", "project_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    project_id: int = Field(foreign_key="project.id")
    milestone_id: int | None = Field(default=None, foreign_key="milestone.id")
    actual: str | None = Field(default=None, max_length=40)  # the metric's value, as typed
    result: str = Field(max_length=16)  # met | partly | missed
    reasons: str = Field(default="", max_length=3000)
    next_steps: str = Field(default="", max_length=3000)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Retrospective(SQLModel, table=True):
    """复盘 (``RET-n``): inputs collected until ``until``; the report goes out that day."""

    __tablename__ = "retrospective"
    __table_args__ = (
        UniqueConstraint("team_id", "number", name="uq_retrospective_number"),
        Index("ix_retrospective_until", "team_id", "until"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    number: int
    project_id: int = Field(foreign_key="project.id")
    until: date
    started_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def ref(self) -> str:
        return f"RET-{self.number}"


class RetroParticipant(SQLModel, table=True):
    """Who was asked for input, and whether they answered (not which input is theirs)."""

    __tablename__ = "retro_participant"
    __table_args__ = (UniqueConstraint("retro_id", "user_id", name="uq_retro_participant"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    retro_id: int = Field(foreign_key="retrospective.id", index=True)
    user_id: str = Field(max_length=32)
    invited: bool = True  # False: answered from a channel's button without being asked
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RetroInput(SQLModel, table=True):
    """One input: 亮点 (keep), 不足 (drop), suggestions; ``author_user_id`` empty when anonymous."""

    __tablename__ = "retro_input"
    __table_args__ = (Index("ix_retro_input_retro", "team_id", "retro_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    retro_id: int = Field(foreign_key="retrospective.id")
    author_user_id: str = Field(default="", max_length=32)
    keep: str = Field(default="", max_length=3000)
    drop: str = Field(default="", max_length=3000)
    suggestions: str = Field(default="", max_length=3000)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Practice(SQLModel, table=True):
    """The practice library (固化 / 淘汰): an item of a retrospective report kept as a practice or
    dropped as a step, with the project it came from."""

    __tablename__ = "practice"
    __table_args__ = (Index("ix_practice_team", "team_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    kind: str = Field(max_length=8)  # keep | drop
    text: str = Field(max_length=3000)
    project_id: int = Field(foreign_key="project.id")
    retro_id: int = Field(foreign_key="retrospective.id")
    decided_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
