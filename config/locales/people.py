"""Messages of /danhsach: link codes to hand out, and a roster sent in a chat, previewed and
imported on confirm. People are "người" here: a roster holds quần chúng too."""

VI = {
    "cmd.danhsach": "mã liên kết của những người chưa liên kết; gửi tệp danh sách (.xlsx, .csv) để cập nhật (/danhsach nhap)",
    "people.private_only": "Danh sách có tên và mã liên kết của từng người, nên chibo chỉ gửi trong tin nhắn riêng. Xin nhắn /danhsach cho chibo.",
    "people.staff_only": "Việc này dành cho bí thư chi bộ và cán bộ Đảng ủy.",
    "people.other_branch": "người của «{branch}», không thuộc {own}: đồng chí chỉ cập nhật được danh sách chi bộ mình",
    "people.other_committee": "thuộc «{committee}», không thuộc {own}",
    "people.draft_outside": "Danh sách này có người ngoài phạm vi đồng chí được cập nhật. Không có gì được ghi.",
    "people.branch_unknown": "Không tìm thấy chi bộ «{name}». Các chi bộ:\n{branches}\nXin gõ /danhsach <tên chi bộ>.",
    "people.branch_ambiguous": "Có nhiều chi bộ khớp với «{name}». Các chi bộ:\n{branches}\nXin gõ /danhsach <tên chi bộ đầy đủ>.",
    "people.codes_title": "Mã liên kết — {scope}: {linked}/{total} người đã liên kết tài khoản.",
    "people.unlinked_title": "Chưa liên kết ({n}):",
    "people.code_line": "{n}. {name} — mã {code}",
    "people.codes_how": "Mỗi người gửi cho chibo «/start <mã>» (trên Telegram có thể bấm đường link trong tệp). Xin đưa mã tận tay từng người, không đăng vào nhóm.",
    "people.all_linked": "Mọi người đều đã liên kết tài khoản.",
    "people.branch_line": "• {branch}: {linked}/{total}",
    "people.branch_hint": "Tên và mã của từng người ở trong tệp kèm theo; gõ /danhsach <tên chi bộ> để xem một chi bộ.",
    "people.workbook_caption": "Bảng mã liên kết (in ra để phát cho từng người).",
    "people.how_to_send": (
        "Cập nhật danh sách {scope}: gửi tệp .xlsx hoặc .csv vào đây (cột «Họ và tên», «Chi bộ», «Loại»; "
        "có thể thêm «Chức vụ», «Điện thoại», «Miễn sinh hoạt»).\n"
        "Trên Zalo, chép các dòng từ Excel và dán vào đây, dòng đầu là tiêu đề, ví dụ:\n"
        "Họ và tên, Chi bộ, Loại\nNguyễn Văn An, Chi bộ Khu phố 1, Chính thức\n"
        "chibo sẽ cho xem trước các thay đổi; chưa có gì được ghi cho tới khi đồng chí bấm «Nhập danh sách»."
    ),
    "people.console_file": "Trên console, mỗi dòng là một tin nhắn: xin gửi tệp bằng «:gửi <đường dẫn tệp>».",
    "people.no_files_here": "Trên nền tảng này chibo không tải được tệp. Xin gõ /danhsach nhap rồi dán các dòng của danh sách.",
    "people.fetch_failed": "chibo chưa tải được tệp. Xin gửi lại sau ít phút.",
    "people.preview_title": "Xem trước danh sách {scope} (tệp {file}, {n} người). Chưa có gì được ghi.",
    "people.added": "• Thêm mới: {n} — {names}",
    "people.updated": "• Cập nhật: {n} — {names}",
    "people.deactivated": "• Không còn trong danh sách: {n} — {names} (giữ lại lịch sử, không tính vào báo cáo nữa)",
    "people.unchanged": "• Không đổi: {n}",
    "people.and_more": " và {n} người khác",
    "people.nothing_to_do": "Danh sách không có gì thay đổi.",
    "people.confirm_hint": "Bấm «Nhập danh sách» để ghi các thay đổi trên, hoặc «Hủy».",
    "people.btn_import": "Nhập danh sách",
    "people.btn_cancel": "Hủy",
    "people.draft_gone": "Bản xem trước này đã hết hạn hoặc đã được dùng. Xin gửi lại tệp danh sách.",
    "people.cancelled": "Đã hủy, danh sách không thay đổi.",
    "people.imported": "Đã nhập danh sách:",
    "people.after_import": "Gõ /danhsach để lấy mã liên kết của những người mới.",
}

EN = {
    "cmd.danhsach": "link codes of those not yet linked; send a roster file (.xlsx, .csv) to update it (/roster import)",
    "people.private_only": "The list holds each person's name and link code, so chibo sends it only in a private chat. Please send /roster to chibo.",
    "people.staff_only": "This is for branch secretaries and committee staff.",
    "people.other_branch": "a person of «{branch}», not of {own}: you can update only your own branch's roster",
    "people.other_committee": "of «{committee}», not of {own}",
    "people.draft_outside": "This roster holds people outside what you may update. Nothing was saved.",
    "people.branch_unknown": "No branch «{name}» was found. The branches:\n{branches}\nPlease send /roster <branch name>.",
    "people.branch_ambiguous": "Several branches match «{name}». The branches:\n{branches}\nPlease send /roster <full branch name>.",
    "people.codes_title": "Link codes — {scope}: {linked}/{total} people have linked their account.",
    "people.unlinked_title": "Not yet linked ({n}):",
    "people.code_line": "{n}. {name} — code {code}",
    "people.codes_how": "Each person sends chibo «/start <code>» (on Telegram they can tap the link in the file). Please hand each code to its person, not in the group.",
    "people.all_linked": "Everyone has linked their account.",
    "people.branch_line": "• {branch}: {linked}/{total}",
    "people.branch_hint": "Each person's name and code are in the attached file; send /roster <branch name> for one branch.",
    "people.workbook_caption": "Link codes (print them to hand out).",
    "people.how_to_send": (
        "Updating the roster of {scope}: send a .xlsx or .csv file here (columns «Họ và tên», «Chi bộ», «Loại»; "
        "optionally «Chức vụ», «Điện thoại», «Miễn sinh hoạt»).\n"
        "On Zalo, copy the rows from Excel and paste them here, the header first, e.g.:\n"
        "Họ và tên, Chi bộ, Loại\nNguyễn Văn An, Chi bộ Khu phố 1, Chính thức\n"
        "chibo shows the changes first; nothing is saved until you press «Import»."
    ),
    "people.console_file": "On the console each line is a message: please send the file with «:gửi <path>».",
    "people.no_files_here": "chibo cannot download files on this platform. Please send /roster import and paste the roster's rows.",
    "people.fetch_failed": "chibo could not download the file. Please send it again in a few minutes.",
    "people.preview_title": "Preview of the roster of {scope} (file {file}, {n} people). Nothing is saved yet.",
    "people.added": "• New: {n} — {names}",
    "people.updated": "• Updated: {n} — {names}",
    "people.deactivated": "• No longer on the roster: {n} — {names} (their history is kept; no longer counted)",
    "people.unchanged": "• Unchanged: {n}",
    "people.and_more": " and {n} others",
    "people.nothing_to_do": "Nothing in the roster changes.",
    "people.confirm_hint": "Press «Import» to save the changes above, or «Cancel».",
    "people.btn_import": "Import",
    "people.btn_cancel": "Cancel",
    "people.draft_gone": "This preview has expired or was used already. Please send the roster file again.",
    "people.cancelled": "Cancelled; the roster is unchanged.",
    "people.imported": "Roster imported:",
    "people.after_import": "Send /roster to get the new people's link codes.",
}
