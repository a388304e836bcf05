"""String tensors and tf.strings (unit 16): bytes, lengths in bytes and characters, Unicode
decoding to ragged code points, split, join, case, numbers.  Expected values come from
TensorFlow's documentation and from UTF-8 itself."""

import re

import numpy as np
import pytest

import learntf as tf
from learntf import errors

pytestmark = pytest.mark.usefixtures("eager_mode")


def test_string_tensors_hold_utf8_bytes():
    t = tf.constant(["cafe", "coffee", "咖啡"])
    assert t.dtype == tf.string
    assert t.numpy().tolist() == [b"cafe", b"coffee", "咖啡".encode("utf-8")]
    assert str(t) == (
        "tf.Tensor([b'cafe' b'coffee' b'\\xe5\\x92\\x96\\xe5\\x95\\xa1'], shape=(3,), dtype=string)"
    )


def test_length_counts_bytes_or_utf8_characters():
    t = tf.constant(["cafe", "coffee", "咖啡", ""])
    assert tf.strings.length(t).numpy().tolist() == [4, 6, 6, 0]
    assert tf.strings.length(t, unit="UTF8_CHAR").numpy().tolist() == [4, 6, 2, 0]
    assert tf.strings.length(t).dtype == tf.int32
    # TF counts every byte that does not continue a character: a lone bad byte counts once
    assert tf.strings.length(tf.constant(b"ab\xff"), unit="UTF8_CHAR").numpy() == 3


def test_length_rejects_unknown_units_and_non_strings():
    with pytest.raises(
        errors.InvalidArgumentError,
        match="Value for attr 'unit' of \"CHAR\" is not in the list of allowed "
        'values: "BYTE", "UTF8_CHAR"',
    ):
        tf.strings.length("abc", unit="CHAR")
    # TF 2.21, eagerly: the kernel's words (a graph gives TF's TypeError, tests/test_hints.py)
    with pytest.raises(
        errors.InvalidArgumentError,
        match=re.escape(
            "cannot compute StringLength as input #0(zero-based) was expected to be a string "
            "tensor but is a int32 tensor [Op:StringLength]"
        ),
    ):
        tf.strings.length(tf.constant(1))


def test_unicode_decode_one_string_is_a_tensor_many_are_ragged():
    one = tf.strings.unicode_decode(tf.constant("cafe"), "UTF8")
    assert str(one) == "tf.Tensor([ 99  97 102 101], shape=(4,), dtype=int32)"
    many = tf.strings.unicode_decode([b"G\xc3\xb6\xc3\xb6dnight", b"\xf0\x9f\x98\x8a"], "UTF-8")
    assert isinstance(many, tf.RaggedTensor)
    assert many.to_list() == [[71, 246, 246, 100, 110, 105, 103, 104, 116], [128522]]
    assert many.shape.as_list() == [2, None]


def test_unicode_decode_keeps_outer_dimensions():
    r = tf.strings.unicode_decode(tf.constant([["ab", "c"], ["d", ""]]), "UTF-8")
    assert r.to_list() == [[[97, 98], [99]], [[100], []]]


def test_invalid_utf8_replace_ignore_or_strict():
    bad = tf.constant([b"caf\xc3", b"\xffab", b"ok\x01"])
    assert tf.strings.unicode_decode(bad, "UTF-8").to_list() == [
        [99, 97, 102, 65533],
        [65533, 97, 98],
        [111, 107, 1],
    ]
    assert tf.strings.unicode_decode(bad, "UTF-8", errors="ignore").to_list() == [
        [99, 97, 102],
        [97, 98],
        [111, 107, 1],
    ]
    replaced = tf.strings.unicode_decode(
        bad, "UTF-8", replacement_char=ord("?"), replace_control_characters=True
    )
    assert replaced.to_list() == [[99, 97, 102, 63], [63, 97, 98], [111, 107, 63]]
    with pytest.raises(errors.InvalidArgumentError, match="Invalid formatting on input string"):
        tf.strings.unicode_decode(bad, "UTF-8", errors="strict")


def test_a_genuine_replacement_character_is_not_an_error():
    text = tf.constant("a\ufffdb")
    decoded = tf.strings.unicode_decode(text, "UTF-8", errors="strict", replacement_char=63)
    assert decoded.numpy().tolist() == [97, 0xFFFD, 98]


def test_unicode_decode_checks_encoding_and_replacement_char():
    with pytest.raises(errors.InvalidArgumentError, match="Could not create converter"):
        tf.strings.unicode_decode("a", "KLINGON")
    with pytest.raises(
        errors.InvalidArgumentError, match="replacement_char out of unicode codepoint range"
    ):
        tf.strings.unicode_decode("x", "UTF-8", replacement_char=11141111)


def test_unicode_encode_inverts_decode():
    codes = tf.ragged.constant([[71, 246, 246, 100, 110, 105, 103, 104, 116], [128522]])
    encoded = tf.strings.unicode_encode(codes, "UTF-8")
    assert encoded.numpy().tolist() == [b"G\xc3\xb6\xc3\xb6dnight", b"\xf0\x9f\x98\x8a"]
    assert tf.strings.unicode_encode([99, 97, 102, 101], "UTF-8").numpy() == b"cafe"
    assert tf.strings.unicode_encode([[99, 97], [102, 101]], "UTF-8").numpy().tolist() == [
        b"ca",
        b"fe",
    ]
    assert tf.strings.unicode_encode([21654, 21857], "UTF-16-BE").numpy() == "咖啡".encode(
        "utf-16-be"
    )


def test_unicode_encode_bad_code_points():
    codes = tf.constant([104, -1, 105, 0xD800])
    assert tf.strings.unicode_encode(codes, "UTF-8").numpy() == "h\ufffdi\ufffd".encode()
    assert tf.strings.unicode_encode(codes, "UTF-8", errors="ignore").numpy() == b"hi"
    with pytest.raises(errors.InvalidArgumentError, match="Invalid formatting on input string"):
        tf.strings.unicode_encode(codes, "UTF-8", errors="strict")


def test_split_a_vector_gives_ragged_a_scalar_gives_a_vector():
    words = tf.strings.split(["hello world", "a b c"])
    assert str(words) == "<tf.RaggedTensor [[b'hello', b'world'], [b'a', b'b', b'c']]>"
    one = tf.strings.split("hello world")
    assert str(one) == "tf.Tensor([b'hello' b'world'], shape=(2,), dtype=string)"


def test_split_follows_python_str_split():
    # no separator: runs of whitespace, no empty pieces; a separator: empty pieces kept
    assert tf.strings.split(["  a \t b  ", ""]).to_list() == [[b"a", b"b"], []]
    assert tf.strings.split("1,,2", sep=",").numpy().tolist() == [b"1", b"", b"2"]
    assert tf.strings.split("1<>2<>3", sep="<>").numpy().tolist() == [b"1", b"2", b"3"]
    assert tf.strings.split("a,b,c", sep=",", maxsplit=1).numpy().tolist() == [b"a", b"b,c"]


def test_join_and_reduce_join():
    joined = tf.strings.join([["abc", "123"], ["def", "456"]], separator=" ")
    assert joined.numpy().tolist() == [b"abc def", b"123 456"]
    assert tf.strings.join(["x", ["a", "b"]]).numpy().tolist() == [b"xa", b"xb"]
    table = [["abc", "123"], ["def", "456"]]
    assert tf.strings.reduce_join(table).numpy() == b"abc123def456"
    assert tf.strings.reduce_join(table, axis=-1).numpy().tolist() == [b"abc123", b"def456"]
    assert tf.strings.reduce_join(table, axis=-1, separator=".").numpy().tolist() == [
        b"abc.123",
        b"def.456",
    ]
    assert tf.strings.reduce_join(table, axis=0, keepdims=True).numpy().tolist() == [
        [b"abcdef", b"123456"]
    ]


def test_lower_and_upper_ascii_unless_utf8():
    assert (
        tf.strings.lower("CamelCase string and ALL CAPS").numpy()
        == b"camelcase string and all caps"
    )
    assert tf.strings.upper("straße äö").numpy() == "STRAßE äö".encode()
    assert tf.strings.upper("äö", encoding="utf-8").numpy() == "ÄÖ".encode()


def test_to_number():
    assert tf.strings.to_number("1.55").numpy() == pytest.approx(1.55)
    assert tf.strings.to_number("1.55").dtype == tf.float32
    three = tf.strings.to_number("3", tf.int32)
    assert three.numpy() == 3 and three.dtype == tf.int32
    np.testing.assert_allclose(
        tf.strings.to_number([" 1e3", "-2", "inf"]).numpy(), [1000.0, -2.0, np.inf]
    )
    with pytest.raises(
        errors.InvalidArgumentError,
        match="StringToNumberOp could not correctly convert string: abc",
    ):
        tf.strings.to_number("abc")
    with pytest.raises(errors.InvalidArgumentError, match="could not correctly convert"):
        tf.strings.to_number("1.5", tf.int32)
    with pytest.raises(errors.InvalidArgumentError, match="could not correctly convert"):
        tf.strings.to_number("3000000000", tf.int32)


def test_string_ops_map_over_ragged_values():
    words = tf.strings.split(["Hello World", "FOO"])
    assert tf.strings.lower(words).to_list() == [[b"hello", b"world"], [b"foo"]]
    assert tf.strings.length(words).to_list() == [[5, 5], [3]]
    assert tf.strings.unicode_decode(words, "UTF-8").to_list() == [
        [[72, 101, 108, 108, 111], [87, 111, 114, 108, 100]],
        [[70, 79, 79]],
    ]


def test_string_ops_in_graph_mode_with_a_placeholder():
    import learntf.compat.v1 as v1

    graph = tf.Graph()
    with graph.as_default():
        text = v1.placeholder(tf.string, [None])
        decoded = tf.strings.unicode_decode(text, "UTF-8")
        padded = decoded.to_tensor()
        chars = tf.strings.length(text, unit="UTF8_CHAR")
        words = tf.strings.split(text).to_tensor()
        pieces = tf.strings.split(v1.placeholder_with_default("a b", []))
        assert decoded.row_splits.op.type == "UnicodeDecode"
        with v1.Session() as sess:
            result = sess.run([padded, chars, words, pieces], {text: ["cafe", "咖啡", "a b"]})
    np.testing.assert_array_equal(
        result[0], [[99, 97, 102, 101], [21654, 21857, 0, 0], [97, 32, 98, 0]]
    )
    np.testing.assert_array_equal(result[1], [4, 2, 3])
    assert result[2].tolist() == [[b"cafe", b""], ["咖啡".encode(), b""], [b"a", b"b"]]
    assert result[3].tolist() == [b"a", b"b"]
