"""The attendance rules as services: `(uow, actor, arguments, now) -> result | Refusal`.
Each holds who may do it and does the writes (meetings, reminders, outbox); the chat
handlers and the command line render what they return."""
