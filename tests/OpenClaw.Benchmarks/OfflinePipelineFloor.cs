using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace OpenClaw.Benchmarks
{
    /// <summary>
    /// What the hosted engine charges any cmdlet for emitting the listing's output: the same 10,000 OpenClawDevice
    /// objects, built before the clock starts, written one by one by a trivial binary cmdlet to the same counting
    /// sink as Get-OpenClawDevice -Offline. Subtracted from Get, it leaves the module's own work (reading the store,
    /// building the devices and their output objects). The objects are built by calling the module's own offline
    /// reader through reflection, not through a pipeline, so the first timed emission still compiles the engine's
    /// pipeline code as Get's cold read does; the module is imported first, as for Get.
    /// </summary>
    public static class OfflinePipelineFloor
    {
        /// <summary>A runspace with the module imported and <see cref="WritePrebuiltCommand"/> available.</summary>
        public static Runspace OpenRunspace()
        {
            var session = InitialSessionState.CreateDefault2();
            session.Commands.Add(new SessionStateCmdletEntry(WritePrebuiltCommand.Name, typeof(WritePrebuiltCommand), null));
            var runspace = RunspaceFactory.CreateRunspace(session);
            runspace.Open();
            return runspace;
        }

        /// <summary>The output objects of an offline listing of the folder, built by the imported module's own code.</summary>
        public static object[] BuildOutput(string stateDirectory)
        {
            var module = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "OpenClaw.PowerShell");
            var toOutput = module.GetType("OpenClaw.PowerShell.Cmdlets.OfflineDeviceReader", throwOnError: true)!
                .GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m => m.Name == "ToOutput" && m.GetParameters().Length == 2);
            // ToOutput(PairedDevice, OfflineState): its parameter loads OpenClaw.Core as the module itself would.
            var state = toOutput.GetParameters()[1].ParameterType.GetMethod("Open")!.Invoke(null, new object?[] { stateDirectory, null })!;
            var snapshot = state.GetType().GetProperty("Snapshot")!.GetValue(state)!;
            var paired = (System.Collections.IEnumerable)snapshot.GetType().GetProperty("Paired")!.GetValue(snapshot)!;
            return paired.Cast<object>().Select(device => toOutput.Invoke(null, new[] { device, state })!).ToArray();
        }

        /// <summary>The prebuilt objects through the engine's pipeline to <paramref name="sink"/>, as Get writes its own.</summary>
        public static void Emit(Runspace runspace, object[] objects, IList<PSObject> sink)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddCommand(WritePrebuiltCommand.Name).AddParameter("InputObject", objects);
            shell.Invoke<PSObject>(null, sink);
            if (shell.HadErrors) throw new InvalidOperationException("Writing the prebuilt objects failed: " + string.Join("; ", shell.Streams.Error));
        }

        /// <summary>Writes each object it is given, one WriteObject call each, and does nothing else.</summary>
        [Cmdlet(VerbsCommunications.Write, "PrebuiltObjects")]
        public sealed class WritePrebuiltCommand : PSCmdlet
        {
            public const string Name = "Write-PrebuiltObjects";

            [Parameter(Mandatory = true)]
            public object[] InputObject { get; set; } = Array.Empty<object>();

            protected override void ProcessRecord()
            {
                foreach (var item in InputObject) WriteObject(item);
            }
        }
    }
}
