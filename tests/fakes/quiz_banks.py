"""A small question bank on the bundled study topic, for tests (the bundled bank is in
content/quizzes/)."""

from __future__ import annotations

from content.quiz_bank import BankData, parse_bank

TOPIC = "chuyen-de-toan-khoa-2021-2026"
# question → its correct choice
RIGHT = {
    "Theo tư tưởng Hồ Chí Minh, độc lập phải gắn với điều gì?": "Tự chủ, dựa vào sức mình",
    "Khát vọng của Bác được cụ thể hóa bằng mục tiêu nào đến giữa thế kỷ XXI?": "Trở thành nước phát triển",
    "Chi bộ kiểm điểm việc làm theo gương Bác khi nào?": "Hằng tháng, trong buổi sinh hoạt định kỳ",
    "Việc đăng ký làm theo gương Bác nên như thế nào?": "Việc nhỏ, đo được, có thời hạn",
}
SMALL_BANK = {
    "slug": "thu-nghiem",
    "title": "Thi thử chuyên đề toàn khóa",
    "topic": TOPIC,
    "questions": [
        {
            "question": "Theo tư tưởng Hồ Chí Minh, độc lập phải gắn với điều gì?",
            "choices": ["Tự chủ, dựa vào sức mình", "Viện trợ từ bên ngoài", "Đóng cửa với thế giới"],
            "answer": "A",
            "explanation": "Phần 1: độc lập phải gắn với tự chủ.",
            "section": 1,
            "difficulty": "de",
        },
        {
            "question": "Khát vọng của Bác được cụ thể hóa bằng mục tiêu nào đến giữa thế kỷ XXI?",
            "choices": [
                "Trở thành nước phát triển",
                "Trở thành nước có thu nhập trung bình",
                "Hoàn thành công nghiệp hóa nông thôn",
            ],
            "answer": "A",
            "explanation": "Phần 2: trở thành nước phát triển, theo định hướng xã hội chủ nghĩa.",
            "section": 2,
        },
        {
            "question": "Chi bộ kiểm điểm việc làm theo gương Bác khi nào?",
            "choices": ["Cuối năm", "Hằng tháng, trong buổi sinh hoạt định kỳ", "Khi có đợt thi đua"],
            "answer": "B",
            "section": 3,
        },
        {
            "question": "Việc đăng ký làm theo gương Bác nên như thế nào?",
            "choices": [
                "Khẩu hiệu chung",
                "Việc nhỏ, đo được, có thời hạn",
                "Việc lớn, không cần thời hạn",
                "Tùy ý",
            ],
            "answer": "B",
            "section": 3,
            "difficulty": "kho",
        },
    ],
}


def small_bank() -> BankData:
    return parse_bank(SMALL_BANK, "thu-nghiem.yaml")
