using System.Text;
using Velostream.Engine.Execution.Formats.Json;
using Velostream.Engine.Execution.Values;

namespace Velostream.Tests.Execution.Formats.Json;

public sealed class JsonRecordDecoderTests
{
    private static (bool Ok, SqlValue[] Slots, string Error) Decode(string json, params string[] fields)
    {
        var decoder = new JsonRecordDecoder(fields);
        var slots = new SqlValue[fields.Length];
        var ok = decoder.TryDecode(Encoding.UTF8.GetBytes(json), slots, out var error);
        return (ok, slots, error.ToString());
    }

    [Fact]
    public void Types_integers_as_bigint_fractions_as_exact_decimal_and_strings_as_varchar()
    {
        var (ok, s, _) = Decode("""{"symbol":"AAPL","price":150.50,"volume":1200,"x":1.5e2,"ok":true,"n":null}""",
            "symbol", "price", "volume", "x", "ok", "n");
        Assert.True(ok);
        Assert.Equal("AAPL", s[0].AsString());
        Assert.Equal(ValueKind.Decimal, s[1].Kind);
        Assert.Equal("150.50", s[1].ToString());
        Assert.Equal(ValueKind.BigInt, s[2].Kind);
        Assert.Equal(1200, s[2].AsLong);
        Assert.Equal(ValueKind.Double, s[3].Kind);
        Assert.Equal(150.0, s[3].AsDouble);
        Assert.True(s[4].AsBool);
        Assert.True(s[5].IsNull);
    }

    [Fact]
    public void Decodes_only_the_requested_fields_and_missing_ones_are_null()
    {
        var (ok, s, _) = Decode("""{"a":1,"nested":{"deep":[1,2,{"x":3}]},"b":"two"}""", "b", "missing");
        Assert.True(ok);
        Assert.Equal("two", s[0].AsString());
        Assert.True(s[1].IsNull);
    }

    [Fact]
    public void A_referenced_nested_value_is_kept_as_its_json_text()
    {
        var (ok, s, _) = Decode("""{"tags":["a","b"],"meta":{"k":1}}""", "tags", "meta");
        Assert.True(ok);
        Assert.Equal("""["a","b"]""", s[0].AsString());
        Assert.Equal("""{"k":1}""", s[1].AsString());
        // Text to SQL, but marked so that a JSON output writes it back as JSON.
        Assert.True(s[0].IsJsonText);
        Assert.True(s[1].Detach().IsJsonText);
    }

    [Fact]
    public void A_string_that_contains_json_stays_a_string()
    {
        var (ok, s, _) = Decode("""{"meta":"{\"k\":1}"}""", "meta");
        Assert.True(ok);
        Assert.Equal("""{"k":1}""", s[0].AsString());
        Assert.False(s[0].IsJsonText);
    }

    [Fact]
    public void Escaped_strings_and_names_are_unescaped()
    {
        var (ok, s, _) = Decode("""{"na\u006De":"a\"b\u00e9"}""", "name");
        Assert.True(ok);
        Assert.Equal("a\"bé", s[0].AsString());
    }

    [Fact]
    public void Integers_beyond_64_bits_become_decimal()
    {
        var (ok, s, _) = Decode("""{"big":123456789012345678901234}""", "big");
        Assert.True(ok);
        Assert.Equal(ValueKind.Decimal, s[0].Kind);
        Assert.Equal("123456789012345678901234", s[0].ToString());
    }

    [Theory]
    [InlineData("""{"price": 1, """, "invalid JSON")]
    [InlineData("not json", "invalid JSON")]
    [InlineData("[1,2]", "expected a JSON object (at byte 0)")]
    [InlineData("""{"a":1} {"b":2}""", "invalid JSON")]
    [InlineData("""{"a":tru}""", "invalid JSON")]
    public void Malformed_payloads_are_errors_with_a_reason(string json, string expectedStart)
    {
        var (ok, _, error) = Decode(json, "price");
        Assert.False(ok);
        Assert.StartsWith(expectedStart, error);
    }

    [Fact]
    public void Text_values_point_into_the_payload_without_copying()
    {
        var payload = Encoding.UTF8.GetBytes("""{"symbol":"MSFT"}""");
        var decoder = new JsonRecordDecoder(["symbol"]);
        var slots = new SqlValue[1];
        Assert.True(decoder.TryDecode(payload, slots, out _));
        payload[11] = (byte)'X';
        Assert.Equal("XSFT", slots[0].AsString());
        Assert.Equal("MSFT", SqlValue.FromString("MSFT").Detach().AsString());
    }
}

public sealed class JsonFieldNameTests
{
    [Fact]
    public void Field_names_match_sql_names_ignoring_case()
    {
        var decoder = new Velostream.Engine.Execution.Formats.Json.JsonRecordDecoder(["SYMBOL", "price"]);
        var slots = new Velostream.Engine.Execution.Values.SqlValue[2];
        Assert.True(decoder.TryDecode(System.Text.Encoding.UTF8.GetBytes("""{"symbol":"a","Price":2}"""), slots, out _));
        Assert.Equal("a", slots[0].AsString());
        Assert.Equal(2, slots[1].AsLong);
    }
}
