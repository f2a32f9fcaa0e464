using System.Text.Encodings.Web;
using System.Text.Json;

namespace Velostream.Tests.Differential;

/// <summary>
/// The seeded data both engines read, written as JSON-lines files:
/// <list type="bullet">
/// <item><c>trades.jsonl</c>: the main stream. NULLs (explicit, and a missing key) in every
/// nullable column, negative prices and quantities, a decimal column whose scale varies from row
/// to row (0 to 4 digits), symbols with quotes, backslashes, tabs, commas, non-ASCII letters, an
/// emoji, the empty string and the text "NULL"; event time mostly increasing with some records
/// up to 1.5 s out of order.</item>
/// <item><c>instruments.jsonl</c>: the reference table (unique symbols; two traded symbols are
/// missing, so a LEFT JOIN has misses; some NULL sectors).</item>
/// <item><c>quotes.jsonl</c>: a second stream over the same time range for interval joins.</item>
/// </list>
/// </summary>
internal static class DifferentialDataSet
{
    public const int Seed = 20260105;
    public const int TradeCount = 3_000;
    public const int QuoteCount = 1_200;
    public const long StartMs = 1_767_605_400_000;

    /// <summary>Larger than any out-of-orderness in the data: windowed queries drop nothing as late.</summary>
    public const string Watermark = "'watermark.max_out_of_orderness' = '5s'";

    public static readonly string[] Symbols =
    [
        "AAPL", "MSFT", "BRK.B", "O'Neil", "Quote\"d", "Back\\slash", "Zürich AG", "東京",
        "Rocket 🚀", "  padded  ", "comma,sep", "", "NULL", "tab\there",
    ];

    /// <summary>Traded symbols the reference table does not list.</summary>
    public static readonly string[] Unlisted = ["Rocket 🚀", "comma,sep"];

    private static readonly string[] Sides = ["BUY", "SELL"];

    private static readonly string?[] Notes =
        ["alpha", "Beta gamma", "  spaced  ", "x-y-z", "a,b,c", "Ünïcödé", "line\nbreak", "", "100%", "under_score", null];

    private static readonly string?[] Sectors = ["Technology", "Financials", "Industrials", "Energy", null];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteTo(string directory)
    {
        var random = new Random(Seed);
        WriteTrades(Path.Combine(directory, "trades.jsonl"), random);
        WriteInstruments(Path.Combine(directory, "instruments.jsonl"), random);
        WriteQuotes(Path.Combine(directory, "quotes.jsonl"), random);
    }

    private static void WriteTrades(string path, Random random)
    {
        WriteLines(path, TradeCount, (w, i) =>
        {
            w.WriteNumber("id", i + 1);
            WriteNullable(w, "symbol", random.Next(100) < 3 ? null : Symbols[random.Next(Symbols.Length)]);
            WriteNullable(w, "side", random.Next(100) < 4 ? null : Sides[random.Next(2)]);
            // Prices in cents from -50.00 to 500.00, always with two digits (1.50 stays 1.50).
            if (random.Next(100) < 5)
            {
                w.WriteNull("price");
            }
            else
            {
                w.WriteNumber("price", Cents(random.Next(-5_000, 50_001)));
            }
            if (random.Next(100) < 5)
            {
                w.WriteNull("qty");
            }
            else
            {
                w.WriteNumber("qty", random.Next(100) < 10 ? -random.Next(1, 101) : random.Next(0, 1_001));
            }
            // A scale that varies per row: 3, 0.5, 1.25, 0.125, 0.0001 ...
            var scale = random.Next(0, 5);
            w.WriteNumber("fee", new decimal(random.Next(0, 100_000), 0, 0, false, (byte)scale));
            var ts = StartMs + i * 200L + random.Next(0, 200) - (random.Next(100) < 5 ? random.Next(0, 1_501) : 0);
            w.WriteNumber("ts", ts);
            // Two rows in a hundred omit the key altogether: a missing field reads as NULL.
            if (random.Next(100) >= 2)
            {
                WriteNullable(w, "note", Notes[random.Next(Notes.Length)]);
            }
        });
    }

    private static void WriteInstruments(string path, Random random)
    {
        var listed = Symbols.Except(Unlisted).Concat(["IBM", "GOOG", "Ω-omega"]).ToArray();
        WriteLines(path, listed.Length, (w, i) =>
        {
            w.WriteString("symbol", listed[i]);
            WriteNullable(w, "sector", Sectors[random.Next(Sectors.Length)]);
            w.WriteNumber("multiplier", random.Next(1, 2_000) / 1_000m);
            w.WriteNumber("lot_size", 100L * random.Next(1, 11));
        });
    }

    private static void WriteQuotes(string path, Random random)
    {
        var span = TradeCount * 200L;
        WriteLines(path, QuoteCount, (w, i) =>
        {
            w.WriteNumber("qid", i + 1);
            w.WriteString("symbol", Symbols[random.Next(Symbols.Length)]);
            var bid = random.Next(1_000, 50_000);
            w.WriteNumber("bid", Cents(bid));
            w.WriteNumber("ask", Cents(bid + random.Next(1, 50)));
            w.WriteNumber("ts", StartMs + i * span / QuoteCount + random.Next(0, 300));
        });
    }

    private static void WriteLines(string path, int count, Action<Utf8JsonWriter, int> writeFields)
    {
        using var stream = File.Create(path);
        for (var i = 0; i < count; i++)
        {
            using (var writer = new Utf8JsonWriter(stream, WriterOptions))
            {
                writer.WriteStartObject();
                writeFields(writer, i);
                writer.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        }
    }

    /// <summary>An exact decimal with two digits after the point, trailing zeros kept.</summary>
    private static decimal Cents(int cents) => new(Math.Abs(cents), 0, 0, cents < 0, 2);

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
