"""Read and write money the way news does, with currency names and symbols from CLDR."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# English locales whose currency symbols news copy uses ("US$", "A$", "NZ$"). The plain
# "en" locale is read first and wins: there "$" is the US dollar, as in wire copy.
_LOCALES = ("en", "en_001", "en_AU", "en_CA", "en_NZ", "en_SG", "en_GB", "en_IN")
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# Each stored dataset's currencies as written: (code, symbol, unit, units). Writing an
# amount in one of them then needs no CLDR data, which costs a start-up tens of ms.
_WRITTEN: dict[str, tuple[str, str, str]] = {}
_WRITTEN_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_NUMBER = r"\d{1,15}(?:,\d{3})*(?:\.\d{1,6})?"
_SCALE = r"(?:thousand|million|billion|trillion|mn|bn|tn|k|m|b)"


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum of money found in text: value, ISO currency and where it was written."""

    value: float
    currency: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Tables:
    symbols: dict[str, str]  # "A$" -> "AUD"
    words: dict[str, tuple[str, ...]]  # "baht" -> ("THB",); "dollars" -> ("USD", "AUD", ...)
    codes: frozenset[str]
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    from babel import Locale  # CLDR data is loaded only when money is read or written
    from babel.numbers import get_currency_name, list_currencies

    codes = frozenset(list_currencies())
    symbols: dict[str, str] = {}
    for code, symbol in Locale.parse(_LOCALES[0]).currency_symbols.items():
        if code in codes and not symbol.isalpha():
            symbols.setdefault(symbol, code)
    fixed, clashes = set(symbols), set[str]()
    for name in _LOCALES[1:]:
        for code, symbol in Locale.parse(name).currency_symbols.items():
            if code not in codes or symbol.isalpha() or symbol in fixed | clashes:
                continue
            if symbols.setdefault(symbol, code) != code:
                clashes.add(symbol)  # "$" is a different dollar in each regional locale
                del symbols[symbol]
    words: dict[str, list[str]] = {}
    for code in sorted(codes):
        for count in (1, 2):
            low = get_currency_name(code, count=count, locale="en").casefold()
            if low == code.casefold():
                continue
            for key in (low, low.split()[-1]):
                if code not in words.setdefault(key, []):
                    words[key].append(code)
    ranked = {k: tuple(sorted(v, key=lambda c: _rank(c, symbols))) for k, v in words.items()}
    return _Tables(symbols, ranked, codes, _compile(symbols))


def _rank(code: str, symbols: dict[str, str]) -> tuple[int, str]:
    # Among currencies sharing a word ("dollars"), the one CLDR gives a bare symbol
    # ("$" for USD, "£" for GBP) is the one English news means when it names no country.
    bare = any(c == code and not any(ch.isalpha() for ch in s) for s, c in symbols.items())
    return (0 if bare else 1, code)


def _compile(symbols: dict[str, str]) -> re.Pattern[str]:
    # Shapes only; the symbol, code or word found is looked up in the CLDR tables after,
    # which keeps the pattern small (an alternation of every name compiles slowly).
    signs = "".join(sorted({re.escape(ch) for s in symbols for ch in s if not ch.isalnum()}))
    number = rf"(?P<n@>{_NUMBER})(?:\s?(?P<s@>{_SCALE})\b)?"
    return re.compile(
        rf"(?P<sym>\b[A-Za-z]{{1,4}}[{signs}]|[{signs}])\s?{number.replace('@', '1')}"
        rf"|\b(?P<code>[A-Z]{{3}})\s?{number.replace('@', '2')}"
        rf"|\b{number.replace('@', '3')}\s(?P<word>[A-Za-z]+(?:\s[a-z]+)?)"
    )


def find_money(text: str, countries: tuple[str, ...] = ()) -> list[Amount]:
    """Return sums of money in text ("A$15 million", "1.2 billion baht", "KHR 4 billion").

    A currency word several currencies share ("dollars") is read as the one of a
    country in `countries` (English names) when there is one, else the one English
    news means by default.
    """
    if not any(ch.isdigit() for ch in text):
        return []
    tables = _tables()
    found = []
    for m in tables.pattern.finditer(text):
        i = next(i for i in (1, 2, 3) if m.group(f"n{i}"))
        number, scale = m.group(f"n{i}"), m.group(f"s{i}") or ""
        currency, end = _currency_of(m, tables, countries)
        if currency is None:
            continue
        value = float(number.replace(",", "")) * _SCALES.get(scale.casefold(), 1.0)
        found.append(Amount(round(value, 2), currency, m.start(), end))
    return found


def _currency_of(
    m: re.Match[str], tables: _Tables, countries: tuple[str, ...]
) -> tuple[str | None, int]:
    if m.group("sym"):
        return tables.symbols.get(m.group("sym").upper()), m.end()
    if m.group("code"):
        return (m.group("code") if m.group("code") in tables.codes else None), m.end()
    phrase = m.group("word")
    options: tuple[str, ...] = ()
    end = m.end()
    for key in (phrase, phrase.split()[0]):
        options = tables.words.get(key.casefold(), ())
        if options:
            end = m.start("word") + len(key)
            break
    if not options and phrase.split()[0] in tables.codes:
        return phrase.split()[0], m.start("word") + 3
    local = {c for country in countries for c in territory_currencies(country)}
    return next((c for c in options if c in local), options[0] if options else None), end


@lru_cache(maxsize=256)
def territory_currencies(country: str) -> tuple[str, ...]:
    """Return the ISO currencies in use in a country named in English ("Thailand")."""
    from babel import Locale
    from babel.numbers import get_territory_currencies

    territories = {name.casefold(): code for code, name in Locale.parse("en").territories.items()}
    code = territories.get(country.casefold())
    return tuple(get_territory_currencies(code)) if code else ()


def known_symbol(symbol: str) -> bool:
    """Tell whether a currency symbol ("A$") or ISO 4217 code ("KHR") is one CLDR knows."""
    tables = _tables()
    return symbol in tables.codes or symbol.upper() in tables.symbols


def format_money(amount: float, currency: str) -> str:
    """Write an amount as a reader would: $240,000, A$15 million, 1.2 billion baht."""
    for scale, word in _WRITTEN_SCALES:
        if amount >= scale:
            figure = f"{amount / scale:,.3f}".rstrip("0").rstrip(".")
            text = f"{figure} {word}"
            count = 2
            break
    else:
        text = f"{amount:,.2f}".removesuffix(".00")
        count = 1 if amount == 1 else 2
    written = _WRITTEN.get(currency)
    symbol = written[0] if written else _symbol(currency)
    if symbol:
        return f"{symbol}{text}"
    if written:
        return f"{text} {written[1 if count == 1 else 2]}"
    return f"{text} {_unit_name(currency, count)}"


def written_forms(codes: Iterable[str]) -> tuple[tuple[str, str, str, str], ...]:
    """Return how each currency is written (code, symbol, unit, units), to store with data."""
    return tuple((c, _symbol(c), _unit_name(c, 1), _unit_name(c, 2)) for c in sorted(set(codes)))


def remember_written(forms: Iterable[tuple[str, str, str, str]]) -> None:
    """Write amounts in these currencies as stored, without loading CLDR data."""
    _WRITTEN.update({code: (symbol, one, many) for code, symbol, one, many in forms})


# Cached: CLDR's tables never change in a run, and answers write the same few currencies.
@lru_cache(maxsize=256)
def _symbol(currency: str) -> str:
    from babel import Locale

    symbol = Locale.parse("en").currency_symbols.get(currency, "")
    return symbol if symbol and not symbol.isalpha() else ""


def currency_name(currency: str) -> str:
    """Return a currency's name in English, plural: "US dollars", "Canadian dollars"."""
    from babel.numbers import UnknownCurrencyError, get_currency_name

    try:
        return get_currency_name(currency, count=2, locale="en")
    except UnknownCurrencyError:
        return currency


@lru_cache(maxsize=256)
def _unit_name(currency: str, count: int) -> str:
    from babel.numbers import UnknownCurrencyError, get_currency_name

    try:
        name = get_currency_name(currency, count=count, locale="en")
    except UnknownCurrencyError:
        return currency
    if name == currency:
        return currency
    last = name.split()[-1]
    # "Thai baht" reads as "baht" when no other currency is called that; "Swiss francs" stays.
    return last if _tables().words.get(last.casefold(), ()) == (currency,) else name
