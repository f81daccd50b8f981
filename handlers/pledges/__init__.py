"""Pledges («Bản đăng ký làm theo gương Bác»): registration, the branch's registration rate
and reminders, the monthly follow-up and review, the year-end summary."""
