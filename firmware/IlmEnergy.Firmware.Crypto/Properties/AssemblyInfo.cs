using System.Reflection;

// nanoFramework build only (the host build generates its own assembly attributes).
[assembly: AssemblyTitle("IlmEnergy.Firmware.Crypto")]
[assembly: AssemblyDescription("SHA-512 and Ed25519 in managed code for IlmEnergy smart plugs")]
[assembly: AssemblyCompany("IlmEnergy")]
[assembly: AssemblyProduct("IlmEnergy firmware")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
