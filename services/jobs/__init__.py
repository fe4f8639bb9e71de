"""The scheduled jobs (weekly sync prompt, overdue nudges, weekly digest): ``runner`` decides
what is due, ``plans`` what to post, ``delivery`` posts each exactly once."""

from services.jobs.runner import JOBS, JobRun, Jobs, make_jobs

__all__ = ["JOBS", "JobRun", "Jobs", "make_jobs"]
