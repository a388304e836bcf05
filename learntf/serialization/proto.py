"""A small protocol-buffer library: the text (.pbtxt) and binary (.pb, .meta) forms of TF files.

TensorFlow stores graphs, meta graphs and the `checkpoint` bookkeeping file as protocol buffers
("protobufs"): messages made of numbered, typed fields.  learntf declares each message it uses
as a `Message` subclass with a `FIELDS` table, `Field(number, name, kind)`, and writes it in the
protobuf's two forms (seed 003 contrasts them; lesson 06 "saving and restoring" opens both):

* text, for people (`.pbtxt`, the `checkpoint` file):

      node {
        name: "b"
        op: "Const"
      }

  One `name: value` line per scalar, `name { ... }` around a nested message, strings in
  double quotes with C escapes (`\\n`, `\\"`, `\\303`), a repeated field written once per item,
  and a map written as one `name { key: ... value { ... } }` entry per key.

* binary, for machines (the protobuf wire format): each field is a key, the varint
  `field_number << 3 | wire_type`, followed by its value.  Wire type 0 is a varint (ints,
  bools, enums; 7 bits a byte, low bits first, the top bit saying "more bytes follow"),
  1 is 8 little-endian bytes (double), 5 is 4 bytes (float), and 2 is a varint length followed
  by that many bytes (strings, bytes, nested messages).  Field names are not stored, so the
  binary form is smaller, and a reader skips field numbers it does not know.

Reading either form only builds messages from their declared fields: no code is executed.
Scalar fields equal to their zero value are not written (protobuf 3), except fields declared
`optional`, whose Python default is None and which are written whenever they are set.
"""

import re
import struct

STRING, BYTES, INT, BOOL, FLOAT, DOUBLE = "string", "bytes", "int", "bool", "float", "double"
_ZERO = {STRING: "", BYTES: b"", INT: 0, BOOL: False, FLOAT: 0.0, DOUBLE: 0.0}
_WIRE_TYPE = {STRING: 2, BYTES: 2, INT: 0, BOOL: 0, FLOAT: 5, DOUBLE: 1}


class DecodeError(ValueError):
    """The bytes are not a valid binary message of the expected type."""


class ParseError(ValueError):
    """The text is not a valid text message of the expected type."""


class Enum:
    """A protobuf enum: names <-> numbers.  Enum fields hold the name (e.g. "DT_FLOAT")."""

    def __init__(self, name, values):
        self.name = name
        self.numbers = dict(values)
        self.names = {number: key for key, number in self.numbers.items()}
        self.default = next(iter(self.numbers))


class MapOf:
    """A map<string, Message> field: a dict in Python, repeated key/value entries on disk."""

    def __init__(self, value_class):
        self.value_class = value_class
        self.entry_class = type(
            "Entry",
            (Message,),
            {"FIELDS": (Field(1, "key", STRING), Field(2, "value", value_class))},
        )


class Field:
    """One field of a message: its number, name, kind and whether it repeats."""

    __slots__ = ("number", "name", "kind", "repeated", "optional")

    def __init__(self, number, name, kind, repeated=False, optional=False):
        self.number, self.name, self.kind = number, name, kind
        self.repeated, self.optional = repeated, optional

    @property
    def is_message(self):
        return isinstance(self.kind, type) and issubclass(self.kind, Message)

    def default(self):
        if isinstance(self.kind, MapOf):
            return {}
        if self.repeated:
            return []
        if self.optional or self.is_message:
            return None
        if isinstance(self.kind, Enum):
            return self.kind.default
        return _ZERO[self.kind]


class Message:
    """Base class of every message: fields become attributes (lists for repeated fields)."""

    FIELDS = ()

    def __init__(self, **values):
        for field in self.FIELDS:
            setattr(self, field.name, field.default())
        for name, value in values.items():
            if name not in self._by_name():
                raise TypeError("%s has no field named %r" % (type(self).__name__, name))
            setattr(self, name, value)

    @classmethod
    def _by_name(cls):
        return {field.name: field for field in cls.FIELDS}

    def HasField(self, name):  # protobuf's Python API
        return getattr(self, name) is not None

    def SerializeToString(self):
        out = bytearray()
        _write_message(out, self)
        return bytes(out)

    def ParseFromString(self, data):
        """Replace this message's contents with the binary message in `data`."""
        self.__init__()
        _read_message(self, memoryview(bytes(data)))
        return len(data)

    @classmethod
    def FromString(cls, data):
        message = cls()
        message.ParseFromString(data)
        return message

    def __eq__(self, other):
        return type(self) is type(other) and all(
            _same(getattr(self, f.name), getattr(other, f.name)) for f in self.FIELDS
        )

    def __str__(self):
        return to_text(self)

    def __repr__(self):
        return "<%s:\n%s>" % (type(self).__name__, to_text(self).rstrip())


def _same(a, b):
    if isinstance(a, (bytes, str)) or not hasattr(a, "__len__"):
        return a == b or (a != a and b != b)  # nan equals nan here
    return a == b


# -- text form -----------------------------------------------------------------------------------
def to_text(message, indent=0):
    """The message in protobuf text form (what TensorFlow writes to .pbtxt files)."""
    lines = []
    pad = "  " * indent
    for field in message.FIELDS:
        value = getattr(message, field.name)
        if isinstance(field.kind, MapOf):
            for key in sorted(value):
                entry = field.kind.entry_class(key=key, value=value[key])
                lines.append("%s%s {\n%s%s}\n" % (pad, field.name, to_text(entry, indent + 1), pad))
            continue
        for item in value if field.repeated else [value]:
            if not field.repeated and _skipped(field, item):
                continue
            if field.is_message:
                lines.append("%s%s {\n%s%s}\n" % (pad, field.name, to_text(item, indent + 1), pad))
            else:
                lines.append("%s%s: %s\n" % (pad, field.name, _scalar_text(field.kind, item)))
    return "".join(lines)


def _skipped(field, value):
    if value is None:
        return True
    return not field.optional and not field.is_message and value == field.default()


def _scalar_text(kind, value):
    if isinstance(kind, Enum):
        return value
    if kind == STRING:
        return '"%s"' % _escape(value.encode("utf-8"), keep_utf8=True)
    if kind == BYTES:
        return '"%s"' % _escape(value)
    if kind == BOOL:
        return "true" if value else "false"
    if kind == FLOAT:
        return _float_text(value, single=True)
    if kind == DOUBLE:
        return _float_text(value, single=False)
    return str(int(value))


def _float_text(value, single):
    if value != value:
        return "nan"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    if single:  # the shortest text that reads back as the same float32
        import numpy as np

        return str(np.float32(value))
    return repr(float(value))


_ESCAPES = {
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
    ord('"'): '\\"',
    ord("'"): "\\'",
    ord("\\"): "\\\\",
}


def _escape(data, keep_utf8=False):
    if keep_utf8:
        text = data.decode("utf-8")
        return "".join(
            _ESCAPES.get(ord(c), c) if ord(c) >= 32 or ord(c) in _ESCAPES else "\\%03o" % ord(c)
            for c in text
        )
    return "".join(_ESCAPES.get(b) or (chr(b) if 32 <= b < 127 else "\\%03o" % b) for b in data)


_TOKEN = re.compile(
    r"""\s+ | \#[^\n]*             # spaces and comments are skipped
    | (?P<token> "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'   # a quoted string
               | [{}:<>\[\],;]                                # punctuation
               | [^\s{}:<>\[\],;"'\#]+ )                      # a name or a number""",
    re.X,
)


def parse_text(text, message):
    """Fill `message` from its protobuf text form; return it.  Raises ParseError."""
    tokens = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ParseError(
                "%d:%d : unexpected character %r" % (*_line_col(text, position), text[position])
            )
        if match.group("token") is not None:
            tokens.append((match.group("token"), position))
        position = match.end()
    reader = _TokenReader(tokens, text)
    _parse_fields(reader, message, closing=None)
    return message


class _TokenReader:
    def __init__(self, tokens, text):
        self.tokens, self.text, self.index = tokens, text, 0

    def peek(self):
        return self.tokens[self.index][0] if self.index < len(self.tokens) else None

    def next(self):
        if self.index >= len(self.tokens):
            raise ParseError("unexpected end of text")
        self.index += 1
        return self.tokens[self.index - 1][0]

    def error(self, message):
        at = self.tokens[min(self.index, len(self.tokens) - 1)][1] if self.tokens else 0
        return ParseError("%d:%d : %s" % (*_line_col(self.text, at), message))


def _line_col(text, position):
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _parse_fields(reader, message, closing):
    fields = message._by_name()
    while reader.peek() != closing:
        if reader.peek() is None:
            raise reader.error("expected %r" % closing)
        name = reader.next()
        field = fields.get(name)
        if field is None:
            raise reader.error(
                'Message type "%s" has no field named "%s".' % (type(message).__name__, name)
            )
        if reader.peek() == ":":
            reader.next()
        if reader.peek() == "[":
            values = _parse_list(reader, field)
        else:
            values = [_parse_value(reader, field)]
        for value in values:
            if isinstance(field.kind, MapOf):
                getattr(message, name)[value.key] = value.value
            elif field.repeated:
                getattr(message, name).append(value)
            else:
                setattr(message, name, value)
        if reader.peek() in (",", ";"):
            reader.next()
    if closing is not None:
        reader.next()


def _parse_list(reader, field):
    reader.next()
    values = []
    while reader.peek() != "]":
        values.append(_parse_value(reader, field))
        if reader.peek() == ",":
            reader.next()
    reader.next()
    return values


def _parse_value(reader, field):
    kind = field.kind
    if isinstance(kind, MapOf) or field.is_message:
        opening = reader.next()
        if opening not in ("{", "<"):
            raise reader.error("expected '{' after %s" % field.name)
        message = (kind.entry_class if isinstance(kind, MapOf) else kind)()
        _parse_fields(reader, message, "}" if opening == "{" else ">")
        return message
    token = reader.next()
    try:
        if kind in (STRING, BYTES):
            data = _unquote(token)
            while reader.peek() and reader.peek()[0] in "\"'":  # "ab" "cd" is "abcd"
                data += _unquote(reader.next())
            return data.decode("utf-8") if kind == STRING else data
        if isinstance(kind, Enum):
            if token in kind.numbers:
                return token
            return kind.names[int(token)]
        if kind == BOOL:
            return {
                "true": True,
                "True": True,
                "t": True,
                "1": True,
                "false": False,
                "False": False,
                "f": False,
                "0": False,
            }[token]
        if kind in (FLOAT, DOUBLE):
            value = float(
                token[:-1] if token[-1:] in "fF" and "inf" not in token.lower() else token
            )
            return struct.unpack("<f", struct.pack("<f", value))[0] if kind == FLOAT else value
        return int(token, 16) if token.lower().startswith(("0x", "-0x")) else int(token)
    except (KeyError, ValueError, UnicodeDecodeError):
        raise reader.error("invalid value %s for field %s" % (token, field.name)) from None


def _unquote(token):
    if token[0] not in "\"'":
        raise ValueError(token)
    body = token[1:-1].encode("utf-8")
    out = bytearray()
    i = 0
    simple = {
        ord("n"): 10,
        ord("r"): 13,
        ord("t"): 9,
        ord("a"): 7,
        ord("b"): 8,
        ord("f"): 12,
        ord("v"): 11,
        ord("\\"): 92,
        ord("'"): 39,
        ord('"'): 34,
        ord("?"): 63,
    }
    while i < len(body):
        b = body[i]
        if b != 92:
            out.append(b)
            i += 1
            continue
        c = body[i + 1]
        if c in simple:
            out.append(simple[c])
            i += 2
        elif 48 <= c <= 55:  # \ooo: up to three octal digits
            j = i + 1
            while j < len(body) and j < i + 4 and 48 <= body[j] <= 55:
                j += 1
            out.append(int(body[i + 1 : j], 8) & 0xFF)
            i = j
        elif c in (ord("x"), ord("X")):
            j = i + 2
            while j < len(body) and j < i + 4 and chr(body[j]) in "0123456789abcdefABCDEF":
                j += 1
            out.append(int(body[i + 2 : j], 16))
            i = j
        else:
            raise ValueError(token)
    return bytes(out)


# -- binary form (the wire format) ---------------------------------------------------------------
def _write_varint(out, value):
    value &= (1 << 64) - 1  # negative ints take ten bytes, as in protobuf
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _write_message(out, message):
    for field in message.FIELDS:
        value = getattr(message, field.name)
        if isinstance(field.kind, MapOf):
            items = [field.kind.entry_class(key=k, value=value[k]) for k in sorted(value)]
        elif field.repeated:
            items = value
        else:
            items = [] if _skipped(field, value) else [value]
        for item in items:
            _write_field(out, field, item)


def _write_field(out, field, value):
    kind = field.kind
    if isinstance(kind, MapOf) or field.is_message:
        body = bytearray()
        _write_message(body, value)
        _write_varint(out, field.number << 3 | 2)
        _write_varint(out, len(body))
        out += body
    elif isinstance(kind, Enum):
        _write_varint(out, field.number << 3)
        _write_varint(out, kind.numbers[value])
    else:
        _write_varint(out, field.number << 3 | _WIRE_TYPE[kind])
        if kind in (STRING, BYTES):
            data = value.encode("utf-8") if kind == STRING else bytes(value)
            _write_varint(out, len(data))
            out += data
        elif kind == FLOAT:
            out += struct.pack("<f", value)
        elif kind == DOUBLE:
            out += struct.pack("<d", value)
        else:
            _write_varint(out, int(value))


def _read_varint(data, position):
    result = shift = 0
    while True:
        if position >= len(data):
            raise DecodeError("Error parsing message: truncated varint")
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, position
        shift += 7
        if shift >= 70:
            raise DecodeError("Error parsing message: varint too long")


def _read_message(message, data):
    fields = {field.number: field for field in message.FIELDS}
    position = 0
    while position < len(data):
        key, position = _read_varint(data, position)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            raw, position = _read_varint(data, position)
        elif wire_type in (1, 5):
            size = 8 if wire_type == 1 else 4
            raw, position = data[position : position + size], position + size
            if len(raw) != size:
                raise DecodeError("Error parsing message: truncated fixed-size field")
        elif wire_type == 2:
            size, position = _read_varint(data, position)
            raw, position = data[position : position + size], position + size
            if len(raw) != size:
                raise DecodeError("Error parsing message: truncated length-delimited field")
        else:
            raise DecodeError("Error parsing message: unknown wire type %d" % wire_type)
        field = fields.get(number)
        if field is None or number == 0:
            continue  # an unknown field: skipped, as protobuf readers do
        for value in _decode_values(field, wire_type, raw):
            if isinstance(field.kind, MapOf):
                getattr(message, field.name)[value.key] = value.value
            elif field.repeated:
                getattr(message, field.name).append(value)
            else:
                setattr(message, field.name, value)


def _decode_values(field, wire_type, raw):
    kind = field.kind
    if isinstance(kind, MapOf) or field.is_message:
        if wire_type != 2:
            raise DecodeError(
                "Error parsing message: field %s has the wrong wire type" % field.name
            )
        message = (kind.entry_class if isinstance(kind, MapOf) else kind)()
        _read_message(message, raw)
        return [message]
    if kind in (STRING, BYTES):
        if wire_type != 2:
            raise DecodeError(
                "Error parsing message: field %s has the wrong wire type" % field.name
            )
        try:
            return [bytes(raw).decode("utf-8") if kind == STRING else bytes(raw)]
        except UnicodeDecodeError:
            raise DecodeError("Error parsing message: field %s is not UTF-8" % field.name) from None
    if wire_type == 2:  # a packed run of numbers
        values, position = [], 0
        while position < len(raw):
            if kind in (FLOAT, DOUBLE):
                size = 4 if kind == FLOAT else 8
                values.append(_number(kind, 5 if size == 4 else 1, raw[position : position + size]))
                position += size
            else:
                number, position = _read_varint(raw, position)
                values.append(_number(kind, 0, number))
        return values
    return [_number(kind, wire_type, raw)]


def _number(kind, wire_type, raw):
    if wire_type == 5:
        return struct.unpack("<f", raw)[0]
    if wire_type == 1:
        return struct.unpack("<d", raw)[0]
    if isinstance(kind, Enum):
        if raw not in kind.names:
            raise DecodeError("Error parsing message: %d is not a %s" % (raw, kind.name))
        return kind.names[raw]
    if kind == BOOL:
        return bool(raw)
    if kind in (FLOAT, DOUBLE):
        raise DecodeError("Error parsing message: a float field holds a varint")
    return raw - (1 << 64) if raw >= 1 << 63 else raw
