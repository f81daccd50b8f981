"""What the Zalo transport says itself: files Zalo cannot carry."""

VI = {
    "zalo.file_link": "Tệp «{name}»: {url}\nZalo không nhận tệp đính kèm, đồng chí bấm vào đường dẫn để tải về.",
    "zalo.file_elsewhere": "Tệp «{name}» không gửi được qua Zalo. Đồng chí xem tệp trên Telegram hoặc nhờ bí thư chi bộ gửi giúp.",
    "zalo.image_elsewhere": "Hình «{name}» không gửi được qua Zalo. Đồng chí xem hình trên Telegram hoặc nhờ bí thư chi bộ gửi giúp.",
}

EN = {
    "zalo.file_link": "File «{name}»: {url}\nZalo does not carry attachments; open the link to download it.",
    "zalo.file_elsewhere": "The file «{name}» cannot be sent on Zalo. See it on Telegram or ask your branch secretary for it.",
    "zalo.image_elsewhere": "The image «{name}» cannot be sent on Zalo. See it on Telegram or ask your branch secretary for it.",
}
