"""Messages of roster files (`chibo roster import`): files that cannot be read, rows that are
wrong, and the refusal that lists them. Column names and the values a file may hold
(«Họ và tên», «x», chính thức…) are quoted as the secretary writes them, in both languages."""

VI = {
    "roster.unreadable": "Không đọc được tệp {file}: {error}",
    "roster.not_a_table": (
        "Tệp {file} không phải .csv hay .xlsx. Xin lưu danh sách dưới dạng Excel (.xlsx) hoặc CSV."
    ),
    "roster.not_utf8": "Tệp CSV không ở mã UTF-8. Xin mở bằng Excel và lưu lại dạng «CSV UTF-8».",
    "roster.no_header": "Không tìm thấy dòng tiêu đề có cột «Họ và tên».",
    "roster.missing_columns": "Thiếu cột: {columns}",
    "roster.no_rows": "Tệp không có dòng nào dưới tiêu đề.",
    "roster.no_name": "thiếu họ và tên",
    "roster.no_branch": "thiếu chi bộ",
    "roster.bad_category": "loại «{value}» không hợp lệ (chỉ nhận: chính thức, dự bị, quần chúng)",
    "roster.no_category": "thiếu loại (chính thức, dự bị hoặc quần chúng)",
    "roster.bad_phone": "số điện thoại «{value}» không hợp lệ",
    "roster.bad_exempt": "cột «Miễn sinh hoạt» chỉ nhận «x» hoặc «có», không nhận «{value}»",
    "roster.same_person": "trùng người với dòng {line} ({name}, {branch})",
    "roster.same_phone": "số điện thoại {phone} trùng với dòng {line}",
    "roster.refused": "Danh sách bị từ chối, không có gì được ghi. {n} lỗi:",
    "roster.problem_at_row": "- Dòng {row}: {problem}",
    "roster.problem": "- {problem}",
    "roster.fix_and_retry": "Xin sửa các dòng trên rồi nhập lại cả tệp.",
}

EN = {
    "roster.unreadable": "Could not read the file {file}: {error}",
    "roster.not_a_table": (
        "The file {file} is not a .csv or .xlsx file. Please save the roster as Excel (.xlsx) or CSV."
    ),
    "roster.not_utf8": "The CSV file is not in UTF-8. Please open it in Excel and save it again as «CSV UTF-8».",
    "roster.no_header": "No header row with a «Họ và tên» column was found.",
    "roster.missing_columns": "Missing columns: {columns}",
    "roster.no_rows": "The file has no rows under the header.",
    "roster.no_name": "the full name is missing",
    "roster.no_branch": "the branch is missing",
    "roster.bad_category": "the category «{value}» is not valid (only: chính thức, dự bị, quần chúng)",
    "roster.no_category": "the category is missing (chính thức, dự bị or quần chúng)",
    "roster.bad_phone": "the phone number «{value}» is not valid",
    "roster.bad_exempt": "the «Miễn sinh hoạt» column takes only «x» or «có», not «{value}»",
    "roster.same_person": "the same person as row {line} ({name}, {branch})",
    "roster.same_phone": "the phone number {phone} is the same as on row {line}",
    "roster.refused": "The roster was refused; nothing was saved. {n} problems:",
    "roster.problem_at_row": "- Row {row}: {problem}",
    "roster.problem": "- {problem}",
    "roster.fix_and_retry": "Please fix the rows above and import the whole file again.",
}
