/**
 * A labelled relevance set: 12 conversations and distractors, and 32 queries written as a person
 * would remember the message — mostly paraphrases with few or no words in common — each with the
 * message it should find. Written before tuning anything, and not tuned to the stub's lexicon.
 */
export const CONVERSATIONS: { title: string; messages: { key: string; role: "user" | "assistant"; content: string }[] }[] = [
  { title: "Car trouble", messages: [
    { key: "car", role: "user", content: "My car broke down on the highway and the mechanic says the transmission is gone." },
    { key: "car-cost", role: "assistant", content: "Replacing a transmission usually costs between two and four thousand dollars; ask for a rebuilt unit to save money." },
  ] },
  { title: "Portugal", messages: [
    { key: "trip", role: "user", content: "We are planning a two week vacation in Portugal next summer, mostly Lisbon and Porto." },
    { key: "train", role: "assistant", content: "Book the train between Lisbon and Porto early; the fast Alfa Pendular fills up in July." },
  ] },
  { title: "Sourdough", messages: [
    { key: "starter", role: "user", content: "How long should I let the sourdough starter rise before baking the bread?" },
    { key: "proof", role: "assistant", content: "Let the dough proof for about four hours at room temperature, until it has doubled." },
  ] },
  { title: "Slow database", messages: [
    { key: "slow-db", role: "user", content: "Our Postgres database is slow when the orders table gets big; queries take seconds." },
    { key: "index", role: "assistant", content: "Add an index on orders.customer_id and run EXPLAIN ANALYZE to see the plan." },
  ] },
  { title: "Puppy", messages: [
    { key: "puppy", role: "user", content: "My puppy keeps chewing the furniture while I am at work." },
    { key: "toys", role: "assistant", content: "Give the dog chew toys and crate train him for short periods." },
  ] },
  { title: "Fever", messages: [
    { key: "fever", role: "user", content: "I have had a headache and a fever for three days, should I see a doctor?" },
    { key: "physician", role: "assistant", content: "A fever lasting more than three days is a reason to call your physician." },
  ] },
  { title: "Savings", messages: [
    { key: "deposit", role: "user", content: "I want to save money for a house deposit; how much should I put aside each month?" },
    { key: "percent", role: "assistant", content: "Aim to set aside twenty percent of your income in a high interest savings account." },
  ] },
  { title: "Failed deploy", messages: [
    { key: "deploy", role: "user", content: "The deploy to production failed because the migration timed out." },
    { key: "migrate-first", role: "assistant", content: "Run the migration separately before releasing the new version." },
  ] },
  { title: "Locked out", messages: [
    { key: "password", role: "user", content: "I forgot my password and the reset email never arrives." },
    { key: "spam", role: "assistant", content: "Check the spam folder, then ask the admin to send a new reset link." },
  ] },
  { title: "Tomatoes", messages: [
    { key: "tomato", role: "user", content: "The tomatoes in my garden have yellow leaves and spots." },
    { key: "blight", role: "assistant", content: "Yellow leaves with spots often mean early blight; remove the affected leaves and water at the base." },
  ] },
  { title: "Interview", messages: [
    { key: "interview", role: "user", content: "I have a job interview on Monday for a software engineer position." },
    { key: "stories", role: "assistant", content: "Prepare a few stories about projects you shipped and practise a system design question." },
  ] },
  { title: "Cat", messages: [
    { key: "cat", role: "user", content: "Our cat stopped eating her food yesterday." },
    { key: "vet", role: "assistant", content: "A cat that refuses food for more than a day should see a vet." },
  ] },
  { title: "Odds and ends", messages: [
    { key: "book", role: "user", content: "Can you recommend a good book about history?" },
    { key: "oslo", role: "user", content: "What is the weather like in Oslo in winter?" },
    { key: "haiku", role: "user", content: "Write a haiku about the ocean." },
    { key: "photosynthesis", role: "user", content: "Explain how photosynthesis works." },
    { key: "spanish", role: "user", content: "Translate 'good morning' into Spanish." },
    { key: "canberra", role: "user", content: "What is the capital of Australia?" },
  ] },
];

export const QUERIES: { q: string; expect: string }[] = [
  { q: "automobile repair", expect: "car" },
  { q: "vehicle gearbox broken", expect: "car" },
  { q: "cost of fixing a transmission", expect: "car-cost" },
  { q: "holiday in Portugal", expect: "trip" },
  { q: "journey to Lisbon", expect: "trip" },
  { q: "railway tickets between the cities", expect: "train" },
  { q: "bread baking time", expect: "starter" },
  { q: "how long to let dough rise", expect: "proof" },
  { q: "sluggish database queries", expect: "slow-db" },
  { q: "which column to index for orders", expect: "index" },
  { q: "young dog destroying furniture", expect: "puppy" },
  { q: "toys for a chewing dog", expect: "toys" },
  { q: "feeling sick with a temperature", expect: "fever" },
  { q: "when to call the doctor about fever", expect: "physician" },
  { q: "saving cash for a home", expect: "deposit" },
  { q: "what share of my salary to put in savings", expect: "percent" },
  { q: "release failed in prod", expect: "deploy" },
  { q: "run schema changes before shipping", expect: "migrate-first" },
  { q: "can't log in, forgot my passphrase", expect: "password" },
  { q: "recovery mail never came", expect: "password" },
  { q: "tomato plants with yellowing leaves", expect: "tomato" },
  { q: "treating blight on tomatoes", expect: "blight" },
  { q: "tips to get ready for a job interview", expect: "stories" },
  { q: "software engineering job on Monday", expect: "interview" },
  { q: "my kitten won't eat", expect: "cat" },
  { q: "when should a cat go to the veterinarian", expect: "vet" },
  { q: "book recommendation on history", expect: "book" },
  { q: "Australian capital city", expect: "canberra" },
  { q: "poem about the sea", expect: "haiku" },
  { q: "how plants make energy from sunlight", expect: "photosynthesis" },
  { q: "Oslo winter weather", expect: "oslo" },
  { q: "say hello in Spanish", expect: "spanish" },
];
