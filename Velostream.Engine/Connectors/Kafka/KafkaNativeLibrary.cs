using System.Reflection;
using System.Runtime.InteropServices;

namespace Velostream.Engine.Connectors.Kafka;

/// <summary>
/// Chooses the librdkafka build that loads on this machine and makes both Confluent.Kafka and our
/// own mock-cluster P/Invokes use that one library.
/// </summary>
/// <remarks>
/// The default Linux build in librdkafka.redist links against <c>libsasl2.so.3</c>, which e.g. Debian 12
/// lacks; the package's <c>centos8-</c> build is self-contained and works there. We try the default
/// first (what Confluent.Kafka would pick) and fall back. Confluent.Kafka binds its functions through
/// <c>[DllImport("librdkafka")]</c>, so a DLL-import resolver on its assembly makes it use our choice;
/// <c>Library.Load(path)</c> is not used because it dlopens through <c>libdl.so</c>, which glibc 2.34+
/// systems no longer ship without development packages. The mock cluster lives inside the library, so
/// our own P/Invokes must bind to the very same handle: they use the same resolver.
/// </remarks>
internal static class KafkaNativeLibrary
{
    private static readonly Lock Gate = new();
    private static string? _path;
    private static nint _handle;
    // Set once the resolvers are in place: a caller that sees the handle before then would P/Invoke
    // through the runtime's own probing, which picks the build that does not load here.
    private static volatile bool _ready;

    /// <summary>Path of the loaded librdkafka, or null when the runtime's own probing found it.</summary>
    public static string? LoadedPath => _path;

    /// <summary>Idempotent; call before creating any Confluent.Kafka client.</summary>
    public static void EnsureLoaded()
    {
        if (_ready)
        {
            return;
        }
        lock (Gate)
        {
            if (_ready)
            {
                return;
            }
            var tried = new List<string>();
            foreach (var candidate in Candidates())
            {
                if (!System.IO.File.Exists(candidate))
                {
                    continue;
                }
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    _path = candidate;
                    _handle = handle;
                    break;
                }
                tried.Add(candidate);
            }
            // No packaged build loads (a platform the redist does not cover): use the system's librdkafka.
            if (_handle == 0 && !NativeLibrary.TryLoad("librdkafka", typeof(KafkaNativeLibrary).Assembly, null, out _handle))
            {
                throw new DllNotFoundException(
                    "librdkafka could not be loaded" + (tried.Count > 0 ? $" (tried {string.Join(", ", tried)})" : ""));
            }
            SetResolver(typeof(KafkaNativeLibrary).Assembly);
            SetResolver(typeof(Confluent.Kafka.Library).Assembly);
            _ready = true;
        }
    }

    private static void SetResolver(Assembly assembly)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Someone else already resolves this assembly's imports; their choice stands.
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName.Contains("rdkafka", StringComparison.Ordinal) ? _handle : 0;

    private static IEnumerable<string> Candidates()
    {
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            _ => "x64",
        };
        string os;
        string[] files;
        if (OperatingSystem.IsWindows())
        {
            (os, files) = ("win", ["librdkafka.dll"]);
        }
        else if (OperatingSystem.IsMacOS())
        {
            (os, files) = ("osx", ["librdkafka.dylib"]);
        }
        else
        {
            (os, files) = ("linux", ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"]);
        }
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", $"{os}-{arch}", "native");
        foreach (var file in files)
        {
            yield return Path.Combine(native, file);
        }
        foreach (var file in files)
        {
            yield return Path.Combine(AppContext.BaseDirectory, file);
        }
    }
}
