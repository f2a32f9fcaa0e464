using Velostream.Engine.Execution.Formats.Csv;

namespace Velostream.Engine.Connectors.File;

/// <summary>
/// Reads a CSV file's header row before its job starts, so that <c>validate</c> can check the columns a
/// statement reads against it. Only the first non-blank line is read (at most <see cref="MaxHeaderBytes"/>);
/// a file that is missing, unreadable or without a usable header gives null: the job reports that
/// when it opens the file.
/// </summary>
internal static class CsvHeaderPeek
{
    public const int MaxHeaderBytes = 64 * 1024;

    public static IReadOnlyList<string>? TryRead(string path)
    {
        try
        {
            if (!System.IO.File.Exists(path)) return null;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[MaxHeaderBytes];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var span = buffer.AsSpan(0, read);
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
            while (span.Length > 0)
            {
                var end = span.IndexOf((byte)'\n');
                if (end < 0 && read == buffer.Length) return null; // a header longer than we read
                var line = (end < 0 ? span : span[..end]).TrimEnd((byte)'\r');
                if (line.Trim((byte)' ').Length > 0)
                {
                    return CsvRecordDecoder.TrySplitHeader(line, out var names, out _) ? names : null;
                }
                if (end < 0) break;
                span = span[(end + 1)..];
            }
            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
