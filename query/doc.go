// Package query extracts what a fashion catalog can filter on from a free-text
// request: product types and groups, colours and tones, departments, patterns,
// garment groups, negations, a requested count and soft occasion/style words.
//
// Build a Vocab once from the catalog (NewVocab) and call Parse per request;
// a Vocab is read-only and safe for concurrent use.
//
// # Matching
//
// Text is lower-cased and split into words (punctuation stripped, "t-shirt"
// → "t shirt", "men's" → "men", "don't" → "dont"), simple plurals are
// singularised (dresses→dress, accessories→accessory, hoodies→hoodie; jeans,
// shorts, tights, flats stay). Phrases are matched left to right, longest
// first, each word consumed once, never across punctuation. The phrases are
// the curated synonyms (syn_*.go) whose targets exist in the catalog, plus the
// catalog's own values (a curated phrase wins over a catalog name).
//
// # Semantics
//
// Values in one field are alternatives (OR); fields combine with AND, except
// that IndexGroups and IndexNames are alternatives of each other, and colours
// follow ColourMatch: an exact colour group, or a master colour with one of
// the tones. Query.Matches and the per-facet methods state this in code.
//
// # Decisions
//
//   - "top"/"tops" → Top, Vest top, T-shirt, Blouse (an upper-body top that is
//     neither knitwear nor outerwear); "top 5" is a count; "tank top", "crop
//     top", "bikini top", "pyjama top" are their own phrases.
//   - "jeans" → Trousers + appearance Denim. Not also garment group "Trousers
//     Denim": in the H&M data 2,876 trousers have the Denim appearance but only
//     2,110 sit in that garment group, so requiring both loses 879 jeans.
//   - "pants" → Trousers (US usage); "vest" → Vest top or a waistcoat (UK/US).
//   - Garment noun + garment noun: the last is the head ("shirt dress" →
//     Dress, "jeans jacket" → Jacket + Denim, "swimsuit cover up" → Sarong).
//   - "light" is a tone only directly before a colour word or "colour(s)";
//     elsewhere it is the soft signal "lightweight". "dark", "pale", "pastel",
//     "bright", "muted" are tones anywhere ("dark jeans", "pastel dress").
//   - Basic colour words set the broad master ("black" → Black); named shades
//     set exact colour groups ("navy" → Dark Blue, "cream" → Off White,
//     "pure white" → White).
//   - Audience (audience*.go, Query.Audience): adult by default; children only
//     when the request says so, in the band its age or size gives (kids, boy,
//     girl, son, daughter without an age → Children Sizes 92-140 and 134-170;
//     baby/newborn → Baby Sizes 50-98; toddler → Baby 50-98 and 92-140; teen →
//     134-170 or Divided). The recipient of a gift wins over the speaker, the
//     speaker ("I'm a guy") over pronouns; people named as context ("my
//     sister's wedding", "with my boyfriend") decide nothing. An explicit
//     audience is also written into IndexGroups/IndexNames (children's bands
//     plus "Children Accessories, Swimwear"); a precise index name drops its
//     own broad group.
//   - Sport words are soft signals; the Sport index group is added only when
//     they directly modify a garment ("sports trousers", "gym leggings") or
//     for explicit "sportswear"/"activewear"/"sports bra".
//   - Negation scope: see resolveNegation. It ends at sentence punctuation, at
//     a comma unless a list of the negated kind follows, at "but"/"however",
//     and, once something is negated, at a preposition ("in", "with", "for")
//     or at "and"/"or" followed by another kind. "no red dresses" excludes red
//     only. A negated value is never also wanted. Negated soft words are dropped.
//   - Counts: see resolveCounts. "one" counts only directly before an item
//     noun; "one piece", "one shoulder", "one size" are phrases; "size 38",
//     "under 30", "5 year old", "$30", "100%" are not counts. Capped at MaxCount.
//   - Material words ("leather", "cotton", "wool") are not attributes of the
//     H&M schema: they stay in Terms for lexical search.
//   - Spelling (spell.go): only words that are no vocabulary word, stopword,
//     English word, slang, brand or name (package lexicon) are corrected, to
//     a phrase word with the same first letter one edit away (two from seven
//     letters): "jeens" → jeans, never "she" → shoe or "what" → hat.
//   - Ruled-out details (details.go, data/details.txt): "not skinny",
//     "without a hood", "no wool" give NotDetails; their words leave Terms
//     and the search text, and retrieval ranks articles stating them last.
//   - Limits (limits.go, data/limits.txt): prices, sizes, brands, people and
//     things H&M does not sell give Limits and one LimitNotice; an unsold
//     category searches its closest types (dog wear) or nothing ("ski boots").
//   - Languages (lang.go, data/lang): Spanish, French and German are
//     translated word by word into catalog English before parsing (false
//     friends: robe → dress, veste → jacket, Rock → skirt); other languages
//     give a notice. Foreign requests are never spell-corrected.
//   - Several items (multi.go): "a white shirt and blue jeans for men" gives
//     Parts, one Query per item sharing audience and exclusions; colour lists
//     ("black and white dress") and related items ("a top to go with jeans")
//     stay one request.
//   - Chat (chat.go): Classify tells greetings, thanks, help, small talk and
//     goodbyes, made only of such phrases and filler, from requests; the bot
//     core answers them without the recommender.
//   - Idioms (syn_idioms.go): "black tie", "secret santa", "coffee lover",
//     "dark academia" are read as their meaning and searched by it.
//   - Gifts (gift.go, data/gifts.txt): a gift request that names no item
//     ("gift for my boyfriend who loves football", "something nice for my
//     boss") sets Gift and Interests; retrieval answers with gift ideas
//     across GiftKinds, never Intimate kinds. A named item ("a pyjama set
//     as a gift") stays that item, and a gift is never an outfit request.
package query
