//! kubectl as learners type it: parsing, effects on the simulation, and output as real kubectl prints it.

pub mod print;
