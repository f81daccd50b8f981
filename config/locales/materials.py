"""Messages of the study library (/tailieu): browsing, reading, search, publishing."""

VI = {
    "cmd.tailieu": "tài liệu học tập: xem, đọc từng phần, tìm (/tailieu <từ khóa>); bí thư đăng cho chi bộ",
    "tl.list_title": "📚 Thư viện tài liệu học tập ({n} tài liệu). Chọn một tài liệu để đọc:",
    "tl.empty": "Thư viện chưa có tài liệu nào.",
    "tl.search_hint": "Tìm tài liệu: /tailieu <từ khóa>, ví dụ /tailieu lam theo guong Bac",
    "tl.add_hint": (
        "Thêm tài liệu cho chi bộ: gửi /tailieu, xuống dòng, rồi dòng đầu là tên tài liệu, "
        "các dòng bắt đầu bằng # là tên từng phần; hoặc gửi tệp .txt, .md, .yaml kèm chú thích /tailieu."
    ),
    "tl.found": "Tìm thấy {n} tài liệu cho «{query}»:",
    "tl.not_found": "Không tìm thấy tài liệu nào có «{query}». Gõ /tailieu để xem cả thư viện.",
    "tl.gone": "Không tìm thấy tài liệu này. Gõ /tailieu để xem thư viện.",
    "tl.kind.chuyen_de_toan_khoa": "Chuyên đề toàn khóa",
    "tl.kind.chuyen_de_nam": "Chuyên đề năm",
    "tl.kind.tai_lieu": "Tài liệu",
    "tl.header": "📖 {title}\n{kind}{year}\n\nTóm tắt: {summary}",
    "tl.attachments": "Toàn văn, tài liệu kèm theo:",
    "tl.sections": "Gồm {n} phần. Chọn phần để đọc:",
    "tl.section": "📖 {title}\nPhần {i}/{n}: {section}\n\n{text}",
    "tl.btn_next": "Phần tiếp theo",
    "tl.btn_read": "Đã đọc",
    "tl.btn_open": "Đọc tài liệu",
    "tl.btn_contents": "Mục lục",
    "tl.btn_publish": "Đăng cho chi bộ",
    "tl.btn_who": "Ai đã đọc?",
    "tl.btn_remind": "Nhắc người chưa đọc",
    "tl.read_thanks": "Cảm ơn đồng chí, đã ghi nhận: đã đọc «{title}».",
    "tl.read_again": "Đồng chí đã xác nhận đọc «{title}» trước đó.",
    "tl.read_nothing": "Chi bộ chưa đăng tài liệu nào. Gõ /tailieu để xem thư viện.",
    "tl.read_which": "Đồng chí đã đọc tài liệu nào? Chọn một (gõ số thứ tự):",
    "tl.new_label": "🆕 Mới: {label}",
    "tl.secretary_only": "Việc này chỉ dành cho bí thư, phó bí thư chi bộ.",
    "tl.published_post": (
        "📚 Tài liệu học tập mới cho {branch}: «{title}»\n\n{summary}\n\n"
        "Gõ /tailieu để đọc từng phần. Đọc xong, đồng chí bấm «Đã đọc» hoặc gõ «đã đọc»."
    ),
    "tl.published": (
        "Đã đăng «{title}» cho {branch}: {linked} người nhận tin riêng, {groups} nhóm chat. "
        "Chưa liên kết tài khoản: {not_linked} người. Báo cáo gửi sẽ đến khi xong."
    ),
    "tl.already_published": "Tài liệu này đã đăng cho chi bộ ngày {when}. Xem ai đã đọc và nhắc người chưa đọc:",
    "tl.who_title": "«{title}» — {branch}\nĐã đọc: {read}/{total} người ({pct}).",
    "tl.who_read": "✓ Đã đọc: {names}",
    "tl.who_unread": "✗ Chưa đọc: {names}",
    "tl.remind_text": "🔔 Nhắc đồng chí đọc tài liệu «{title}». Gõ /tailieu để đọc; đọc xong bấm «Đã đọc» hoặc gõ «đã đọc».",
    "tl.reminded": "Đã nhắc {n} đồng chí chưa đọc.",
    "tl.reminded_unlinked": "Chưa liên kết tài khoản nên không nhắc được: {names}.",
    "tl.nobody_to_remind": "Mọi đồng chí đã liên kết đều đã đọc; không có ai để nhắc.",
    "tl.added": "Đã thêm tài liệu «{title}» ({n} phần) vào thư viện của {branch}.",
    "tl.bad_upload": "Chưa thêm được tài liệu: {problem} ({where}). {hint}",
    "tl.fetch_failed": "Không tải được tệp đồng chí gửi. Xin gửi lại, hoặc gửi nội dung dạng văn bản với /tailieu.",
    "tl.no_files_here": "Nền tảng này không nhận tệp. Xin gửi nội dung dạng văn bản: /tailieu, xuống dòng, rồi nội dung.",
}

EN = {
    "cmd.tailieu": "study materials: browse, read section by section, search (/materials <words>); secretaries publish",
    "tl.list_title": "📚 Study library ({n} topics). Choose one to read:",
    "tl.empty": "The library has no topics yet.",
    "tl.search_hint": "Search: /materials <words>, e.g. /materials lam theo guong Bac",
    "tl.add_hint": (
        "Add a topic for your branch: send /materials, a new line, then the title on the first line "
        "and lines starting with # for each section; or send a .txt, .md or .yaml file captioned /materials."
    ),
    "tl.found": "{n} topics found for «{query}»:",
    "tl.not_found": "No topic contains «{query}». Send /materials for the whole library.",
    "tl.gone": "This topic was not found. Send /materials for the library.",
    "tl.kind.chuyen_de_toan_khoa": "Topic of the whole term",
    "tl.kind.chuyen_de_nam": "Topic of the year",
    "tl.kind.tai_lieu": "Material",
    "tl.header": "📖 {title}\n{kind}{year}\n\nSummary: {summary}",
    "tl.attachments": "Full text and attachments:",
    "tl.sections": "{n} sections. Choose one to read:",
    "tl.section": "📖 {title}\nSection {i}/{n}: {section}\n\n{text}",
    "tl.btn_next": "Next section",
    "tl.btn_read": "Read",
    "tl.btn_open": "Read it",
    "tl.btn_contents": "Contents",
    "tl.btn_publish": "Publish to the branch",
    "tl.btn_who": "Who has read it?",
    "tl.btn_remind": "Remind those who have not",
    "tl.read_thanks": "Thank you, noted: you have read «{title}».",
    "tl.read_again": "You already confirmed reading «{title}».",
    "tl.read_nothing": "Your branch has not published any material yet. Send /materials for the library.",
    "tl.read_which": "Which topic have you read? Choose one (type its number):",
    "tl.new_label": "🆕 New: {label}",
    "tl.secretary_only": "Only branch secretaries and deputies can do this.",
    "tl.published_post": (
        "📚 New study material for {branch}: «{title}»\n\n{summary}\n\n"
        "Send /materials to read it section by section. When done, press «Read» or type «read»."
    ),
    "tl.published": (
        "Published «{title}» to {branch}: {linked} people privately, {groups} group chats. "
        "{not_linked} people have no linked account. The delivery report follows when it is done."
    ),
    "tl.already_published": "This topic was published to the branch on {when}. See who has read it and remind the others:",
    "tl.who_title": "«{title}» — {branch}\nRead: {read}/{total} people ({pct}).",
    "tl.who_read": "✓ Read: {names}",
    "tl.who_unread": "✗ Not yet: {names}",
    "tl.remind_text": "🔔 A reminder to read «{title}». Send /materials to read it; then press «Read» or type «read».",
    "tl.reminded": "Reminded {n} people who have not read it.",
    "tl.reminded_unlinked": "No linked account, so not reminded: {names}.",
    "tl.nobody_to_remind": "Everyone with a linked account has read it; nobody to remind.",
    "tl.added": "Added «{title}» ({n} sections) to the library of {branch}.",
    "tl.bad_upload": "The topic was not added: {problem} ({where}). {hint}",
    "tl.fetch_failed": "The file could not be downloaded. Please send it again, or send the text with /materials.",
    "tl.no_files_here": "This platform does not take files. Please send the text: /materials, a new line, then the text.",
}
