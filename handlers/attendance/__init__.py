"""Meetings and attendance: /hop, /lich, RSVP, /vang, /diemdanh, proxy check-in, group
summary. What the feature declares: feature.py."""
