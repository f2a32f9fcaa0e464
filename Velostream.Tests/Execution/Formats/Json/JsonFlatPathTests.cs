using System.Text;
using Velostream.Engine.Execution.Formats.Json;
using Velostream.Engine.Execution.Values;

namespace Velostream.Tests.Execution.Formats.Json;

/// <summary>
/// The decoder's fast path for flat objects must decide exactly as the <c>Utf8JsonReader</c> path does:
/// the same values for valid lines, the same error (reason and position) for malformed ones.
/// </summary>
public sealed class JsonFlatPathTests
{
    private static readonly string[] Fields = ["symbol", "price", "volume", "ok", "note"];

    [Fact]
    public void Seeded_lines_and_their_mutations_decode_as_the_reader_decodes_them()
    {
        var decoder = new JsonRecordDecoder(Fields);
        var random = new Random(14);
        var flatAccepted = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var line = Line(random);
            if (random.Next(0, 3) == 0)
            {
                line = Mutate(random, line);
            }
            if (AssertSameAsReader(decoder, line)) flatAccepted++;
        }
        Assert.InRange(flatAccepted, 5_000, 20_000);
    }

    [Fact]
    public void Lines_of_one_layout_decode_as_the_reader_decodes_them_when_the_layout_changes_now_and_then()
    {
        // The fast path remembers the name at each position; lines mostly repeat a layout, sometimes not.
        var decoder = new JsonRecordDecoder(Fields);
        var random = new Random(23);
        var layout = Layout(random);
        for (var n = 0; n < 20_000; n++)
        {
            if (random.Next(0, 50) == 0) layout = Layout(random);
            var text = new StringBuilder("{");
            for (var i = 0; i < layout.Length; i++)
            {
                if (i > 0) text.Append(',');
                text.Append('"').Append(layout[i]).Append("\":").Append(Values[random.Next(Values.Length)]);
            }
            var line = text.Append('}').ToString();
            if (random.Next(0, 10) == 0) line = Mutate(random, line);
            AssertSameAsReader(decoder, line);
        }
    }

    [Fact]
    public void Valid_flat_lines_of_ascii_names_and_plain_values_are_taken_by_the_fast_path()
    {
        // Falling back to the reader is always correct, so only this shows the fast path still does its job.
        string[] plain =
        [
            "\"AAPL\"", "\"\"", "\"a fairly long string value over thirty-two bytes\"", "0", "-0", "42", "-17", "150.25", "-0.001",
            "1e5", "2.5e+2", "12345678901234567890123", "1234567890123456789", "0.12345678901234567", "350.1497",
            "1767605400002", "true", "false", "null",
        ];
        var decoder = new JsonRecordDecoder(Fields);
        var random = new Random(31);
        for (var n = 0; n < 5_000; n++)
        {
            var names = Enumerable.Range(0, random.Next(1, 10)).Select(_ => Names[random.Next(0, 11)]).ToArray();
            var line = "{" + string.Join(",", names.Select(name => $"\"{name}\":{plain[random.Next(plain.Length)]}")) + "}";
            var bytes = Encoding.UTF8.GetBytes(line);
            var fast = new SqlValue[Fields.Length];
            Assert.True(decoder.TryDecodeFlat(new ArraySegment<byte>(bytes), fast), line);
            AssertSameAsReader(decoder, line);
        }
    }

    private static string[] Layout(Random random) =>
        [.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => Names[random.Next(Names.Length)])];

    /// <summary>Whether the line decoded, after checking that both paths agree on it.</summary>
    private static bool AssertSameAsReader(JsonRecordDecoder decoder, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var fast = new SqlValue[Fields.Length];
        var general = new SqlValue[Fields.Length];
        var fastOk = decoder.TryDecode(bytes, fast, out var fastError);
        var generalOk = decoder.DecodeWithReader(new ArraySegment<byte>(bytes), general, out var generalError);
        Assert.True(fastOk == generalOk, $"{line}: fast {fastOk} ({fastError}), reader {generalOk} ({generalError})");
        if (!fastOk)
        {
            Assert.Equal(generalError, fastError);
            return false;
        }
        for (var i = 0; i < Fields.Length; i++)
        {
            Assert.True(general[i].Kind == fast[i].Kind && general[i].ToString() == fast[i].ToString(),
                $"{line}: field {Fields[i]}: fast {fast[i].Kind} {fast[i]}, reader {general[i].Kind} {general[i]}");
        }
        return true;
    }

    private static readonly string[] Names = ["symbol", "price", "volume", "ok", "note", "SYMBOL", "Price", "other", "", "a_field_name_of_24_bytes", "fifteen_bytes__", "sym\\u0062ol", "prix\u00e9"];

    private static readonly string[] Values =
    [
        "\"AAPL\"", "\"\"", "\"a\\\"b\"", "\"caf\u00e9\"", "\"tab\there\"", "\"\\u0041\"",
        "0", "-0", "42", "-17", "150.25", "0.5", "-0.001", "1e5", "1E-3", "2.5e+2", "01", "1.", ".5", "-", "1e", "+1",
        "123456789012345678901234567890", "1.2345678901234567890123", "1e999999",
        "123456789012345678", "1234567890123456789", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
        "0.12345678901234567", "0.123456789012345678", "12345678901234567.8", "-0.0", "0.000000000000000000001", "350.1497",
        "12345678\u00e9", "1.2345678\u00e9", "1234567890123456:", "0.1234567x", "1e12345678",
        "true", "false", "null", "tru", "nul", "[1,2]", "{\"a\":1}", "[]", "{}",
    ];

    private static string Line(Random random)
    {
        var text = new StringBuilder();
        text.Append(Space(random)).Append('{');
        var count = random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(Space(random)).Append(',');
            text.Append(Space(random)).Append('"').Append(Names[random.Next(Names.Length)]).Append('"')
                .Append(Space(random)).Append(':').Append(Space(random)).Append(Values[random.Next(Values.Length)]);
        }
        text.Append(Space(random)).Append('}').Append(Space(random));
        return text.ToString();
    }

    private static string Space(Random random) => random.Next(0, 6) switch
    {
        0 => " ",
        1 => "\t",
        2 => " \r",
        _ => "",
    };

    private static string Mutate(Random random, string line)
    {
        if (line.Length == 0) return "x";
        var at = random.Next(0, line.Length);
        const string inserts = "{}[]\",:. -0e\\x";
        return random.Next(0, 4) switch
        {
            0 => line.Remove(at, 1),
            1 => line.Insert(at, inserts[random.Next(inserts.Length)].ToString()),
            2 => line[..at],
            _ => line + (random.Next(0, 2) == 0 ? "}" : " 1"),
        };
    }
}
