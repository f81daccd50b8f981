"""aiogram wiring: one router that hands every update to the core, long polling or webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import BotCommand, BotCommandScopeDefault, CallbackQuery, Message, PollAnswer, Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.app import App
from bot.telegram.convert import callback_to_incoming, message_to_incoming, poll_answer_to_incoming
from bot.telegram.session import KeepingSession
from bot.telegram.transport import TelegramTransport
from config.i18n import t
from handlers.feature import Command

log = logging.getLogger(__name__)

# what chibo asks Telegram for: poll_answer only comes for non-anonymous polls the bot sent
ALLOWED_UPDATES = ["message", "callback_query", "poll_answer"]
# Telegram's default, said aloud: a burst of check-ins arrives on this many requests at once,
# and the taps that arrive together are recorded in one transaction.
WEBHOOK_CONNECTIONS = 40


def build_bot(token: str, api_base: str = "") -> Bot:
    session = KeepingSession(api=TelegramAPIServer.from_base(api_base)) if api_base else KeepingSession()
    return Bot(token, session=session, default=DefaultBotProperties())


def build_dispatcher(app: App) -> Dispatcher:
    router = Router(name="chibo")

    @router.message()
    async def on_message(message: Message, event_update: Update) -> None:
        inc = message_to_incoming(message, event_update.update_id)
        if inc is None:
            return
        response = await app.core.handle(inc)
        await app.delivery.deliver(response.messages)

    @router.callback_query()
    async def on_callback(query: CallbackQuery, event_update: Update) -> None:
        response = await app.core.handle(callback_to_incoming(query, event_update.update_id))
        try:
            await query.answer(response.notice)
        except Exception:
            log.warning("answerCallbackQuery failed", exc_info=True)
        await app.delivery.deliver(response.messages)

    @router.poll_answer()
    async def on_poll_answer(answer: PollAnswer, event_update: Update) -> None:
        inc = poll_answer_to_incoming(answer, event_update.update_id)
        if inc is None:
            return
        response = await app.core.handle(inc)
        await app.delivery.deliver(response.messages)

    dp = Dispatcher()
    dp.include_router(router)
    return dp


async def set_commands(bot: Bot, commands: Sequence[Command]) -> None:
    """The command menu in both languages, from the same registry as /trogiup: Vietnamese
    names by default, English aliases for clients set to English."""
    vi = [BotCommand(command=c.name, description=t("vi", c.help_key)[:256]) for c in commands]
    en = [BotCommand(command=c.alias, description=t("en", c.help_key)[:256]) for c in commands]
    await bot.set_my_commands(vi, scope=BotCommandScopeDefault())
    await bot.set_my_commands(en, scope=BotCommandScopeDefault(), language_code="en")


async def prepare(app: App, bot: Bot) -> Dispatcher:
    me = await bot.me()
    app.core.env = replace(app.core.env, telegram_bot_username=me.username or "")
    app.delivery.register(TelegramTransport(bot))
    await set_commands(bot, app.registry.commands)
    return build_dispatcher(app)


async def run_polling(app: App, bot: Bot) -> None:
    dp = await prepare(app, bot)
    await bot.delete_webhook(drop_pending_updates=False)
    polling = asyncio.create_task(
        dp.start_polling(bot, handle_signals=False, allowed_updates=ALLOWED_UPDATES)
    )
    try:
        await asyncio.shield(polling)
    except asyncio.CancelledError:
        # cancelled from outside, aiogram leaves its getUpdates loop running on a closed
        # session (an error line at every stop): ask it to stop instead
        with contextlib.suppress(RuntimeError):  # not started yet
            await dp.stop_polling()
        await asyncio.wait([polling], timeout=5)
        polling.cancel()
        raise


def webhook_app(app: App, bot: Bot, dp: Dispatcher) -> web.Application:
    """The aiohttp application serving Telegram's webhook posts; the secret header is
    checked by aiogram's handler (401 on a mismatch)."""
    web_app = web.Application()
    handler = SimpleRequestHandler(
        dispatcher=dp, bot=bot, secret_token=app.settings.webhook_secret or None, handle_in_background=False
    )
    handler.register(web_app, path=app.settings.webhook_path_telegram)
    setup_application(web_app, dp, bot=bot)
    return web_app


async def start_webhook(
    app: App, bot: Bot, extend: Iterable[Callable[[web.Application], None]] = ()
) -> web.AppRunner:
    """`extend`: other routes served on the same port (the Zalo webhook, file links)."""
    dp = await prepare(app, bot)
    s = app.settings
    web_app = webhook_app(app, bot, dp)
    for add_routes in extend:
        add_routes(web_app)
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, s.webhook_host, s.webhook_port)
    await site.start()
    await bot.set_webhook(
        s.webhook_base_url.rstrip("/") + s.webhook_path_telegram,
        secret_token=s.webhook_secret or None,
        allowed_updates=ALLOWED_UPDATES,
        max_connections=WEBHOOK_CONNECTIONS,
    )
    log.info("telegram webhook listening on %s:%s%s", s.webhook_host, s.webhook_port, s.webhook_path_telegram)
    return runner
