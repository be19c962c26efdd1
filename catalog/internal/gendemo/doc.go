// Package gendemo deterministically generates the demo fashion catalog that
// ships embedded in package catalog. No article of the H&M catalog is copied:
// only its taxonomy is used as vocabulary (product types and groups, colour
// groups with their perceived colour values and masters, departments, indexes,
// sections, garment groups, graphical appearances, and which of these occur
// together). Product names and descriptions are composed from hand-written
// phrase banks (fit, fabric, neckline, sleeves, closures, pockets, occasions).
//
// The output depends only on Config (size and seed) and on this package's
// source: it uses its own PRNG rather than math/rand so Go upgrades cannot
// change it.
package gendemo
