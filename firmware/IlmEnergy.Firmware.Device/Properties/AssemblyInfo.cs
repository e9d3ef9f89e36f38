using System.Reflection;

// nanoFramework build only (the host build generates its own assembly attributes).
[assembly: AssemblyTitle("IlmEnergy.Firmware.Device")]
[assembly: AssemblyDescription("Durable state, outbox, sequencing, energy, sampling and DR scheduling for IlmEnergy smart plugs")]
[assembly: AssemblyCompany("IlmEnergy")]
[assembly: AssemblyProduct("IlmEnergy firmware")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
