using System.Management.Automation;
using System.Reflection;
using OpenClaw.Tests.Shared;

namespace OpenClaw.PowerShell.Tests.TestSupport
{
    /// <summary>
    /// Core errors worded by the module's own ErrorRecords, reached by reflection in the assemblies the engine
    /// loaded: the tests do not reference the module (it is imported as a user imports it), and OpenClaw.Core lives
    /// in the module's private load context, so its types cannot be named here.
    /// </summary>
    public sealed class ModuleInternals
    {
        private readonly Type _errorRecords;
        private readonly Assembly _core;

        public ModuleInternals()
        {
            // Importing loads both assemblies; they stay loaded after the runspace is gone.
            using (var host = new PowerShellHost()) host.Invoke("Get-Module OpenClaw.PowerShell");
            var module = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "OpenClaw.PowerShell");
            _errorRecords = module.GetType("OpenClaw.PowerShell.Cmdlets.ErrorRecords", throwOnError: true)!;
            _core = Method(_errorRecords, "From").GetParameters()[0].ParameterType.Assembly;
        }

        public IReadOnlyList<string> RemedyKinds => Core("OpenClaw.Core.Errors.RemedyKind").GetEnumNames();

        public object Remedy(string kind, bool offline = false, string? folder = null, bool forceWriteAllowed = false,
            string? deviceId = null, string? release = null)
        {
            var type = Core("OpenClaw.Core.Errors.ErrorRemedy");
            var remedy = Activator.CreateInstance(type, Enum.Parse(Core("OpenClaw.Core.Errors.RemedyKind"), kind), offline, folder)!;
            // Init-only setters are ordinary setters to reflection; the boxed struct is changed in place.
            type.GetProperty("ForceWriteAllowed")!.SetValue(remedy, forceWriteAllowed);
            type.GetProperty("DeviceId")!.SetValue(remedy, deviceId);
            if (release != null) type.GetProperty("Release")!.SetValue(remedy, Version(release));
            return remedy;
        }

        /// <summary>An OpenClawException with <paramref name="next"/> as its next step: an ErrorRemedy or worded text (or null).</summary>
        public object Error(string errorId, string message, object? next)
        {
            var exception = Core("OpenClaw.Core.Errors.OpenClawException");
            var kind = Enum.Parse(Core("OpenClaw.Core.Errors.OpenClawErrorKind"), "InvalidOperation");
            var nextType = next?.GetType() ?? typeof(string);
            var constructor = exception.GetConstructors().Single(c => c.GetParameters()[3].ParameterType == nextType);
            return constructor.Invoke(new[] { errorId, kind, message, next, "target", null });
        }

        public ErrorRecord Record(object error, string? command = null) =>
            (ErrorRecord)Method(_errorRecords, "From").Invoke(null, new[] { error, command })!;

        public string AsWarning(object error, string command) =>
            (string)Method(_errorRecords, "AsWarning").Invoke(null, new[] { error, command })!;

        /// <summary>RecommendedActions.ReleaseEvidence of a GatewayRelease made by its factory <paramref name="factory"/>.</summary>
        public string ReleaseEvidence(string factory, string version, string? evidence = null)
        {
            var type = Core("OpenClaw.Core.Scopes.GatewayRelease");
            var release = factory switch
            {
                "FromUser" => Method(type, factory).Invoke(null, new object[] { version }),
                "FromVersion" => Method(type, factory).Invoke(null, new[] { Version(version), evidence }),
                _ => Method(type, factory).Invoke(null, new[] { version + " (not recorded)", Version(version), evidence }),
            };
            var wording = _errorRecords.Assembly.GetType("OpenClaw.PowerShell.Cmdlets.RecommendedActions", throwOnError: true)!;
            return (string)Method(wording, "ReleaseEvidence").Invoke(null, new[] { release })!;
        }

        private object Version(string text) => Method(Core("OpenClaw.Core.Scopes.ReleaseVersion"), "Parse").Invoke(null, new object[] { text })!;

        private Type Core(string name) => _core.GetType(name, throwOnError: true)!;

        private static MethodInfo Method(Type type, string name) =>
            type.GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m => m.Name == name);
    }
}
