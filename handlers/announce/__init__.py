"""/thongbao: a secretary to the branch, committee staff to all branches or chosen ones; to
the group chats and to each linked member privately, with an optional "Đã nhận" answer.
Also the delivery report of every batch that has a sender to report to.

services.py holds the rules (chat and command line call them), chat.py the chat side,
report.py the delivery report, feature.py what the feature declares."""
